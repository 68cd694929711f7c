package service_test

import (
	"reflect"
	"testing"

	"nintei/service"
)

// The web, the CLI and the tools read and write through use cases only:
// the service offers them no store, blob store, mailer or core to reach
// around the use cases (issue 15: Service.Store does not exist).
func TestCallersCannotReachTheStore(t *testing.T) {
	typ := reflect.TypeOf(service.Service{})
	for _, name := range []string{"Store", "Blobs", "Mail", "Core", "Clock", "Config"} {
		if f, ok := typ.FieldByName(name); ok {
			t.Errorf("service.Service has field %s (%v) reachable from outside", name, f.Index)
		}
		if _, ok := reflect.PointerTo(typ).MethodByName(name); ok {
			t.Errorf("service.Service has method %s", name)
		}
	}
}
