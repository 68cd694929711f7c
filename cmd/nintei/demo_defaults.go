package main

import "net"

// demoDefaults makes `nintei demo` private and quiet unless told
// otherwise: it listens on the loopback interface only (127.0.0.1:8080),
// since its accounts share a published password, and its request log stays
// out of the terminal (level warn) so that the logins and the address stay
// readable. --addr / NINTEI_ADDR and --log-level / NINTEI_LOG_LEVEL win.
func demoDefaults(args []string, getenv func(string) string) []string {
	var pre []string
	if !hasFlag(args, "addr") && getenv("NINTEI_ADDR") == "" {
		pre = append(pre, "--addr", "127.0.0.1:8080")
	}
	if !hasFlag(args, "log-level") && getenv("NINTEI_LOG_LEVEL") == "" {
		pre = append(pre, "--log-level", "warn")
	}
	return append(pre, args...)
}

// openURL is the address to open in a browser for a listener: localhost
// for the loopback and the unspecified address, which a browser may not
// open as typed.
func openURL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String() + "/"
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsLoopback() || ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}
