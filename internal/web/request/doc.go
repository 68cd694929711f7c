// Package request holds what the root web package and its surfaces (ui,
// api) share about a request: who is asking (Principal), the route type
// of the route tables, form and path parsing, the web layer's errors and
// their HTTP statuses (Classify), cookies and the JSON envelope. It
// imports no other web package.
package request
