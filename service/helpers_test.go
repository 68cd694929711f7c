package service_test

import "nintei/internal/sqlstore"

func sqlstoreQuery(objectType string) sqlstore.AuditQuery {
	return sqlstore.AuditQuery{ObjectType: objectType}
}

type sqlstoreTx = sqlstore.Tx
