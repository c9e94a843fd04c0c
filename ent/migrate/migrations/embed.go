// Package migrations holds Summit's versioned schema migrations, generated
// from ent/schema by `make generate` (Atlas format, checksummed by atlas.sum)
// and applied in file-name order by internal/dbmigrate.
package migrations

import "embed"

// FS holds the migration files.
//
//go:embed *.sql atlas.sum
var FS embed.FS
