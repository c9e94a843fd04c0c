package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/summitkam/summit/internal/config"
	"github.com/summitkam/summit/internal/imports"
	"github.com/summitkam/summit/internal/viewer"
)

const importUsage = `usage: summit import FILE --kind KIND [--dry-run] [--mode all-or-nothing|valid-rows]

Imports a CSV (UTF-8 or GBK, as Excel writes it) or XLSX file. Headers in
Chinese or English are recognised (see docs/api/imports.md for each kind's
columns; blank templates: GET /api/import-templates/KIND). Rows are upserted
by the company's code or external id: importing a file twice changes nothing.
Prints the counts and every refused row (row, column, value, message);
exits 1 when rows were refused.

kinds: `

// importCommand runs an import in this process, as the system identity
// (like the other commands that have the database's credentials): the
// upload, the dry run or commit, and the audit event, exactly as the API
// does them.
func importCommand(ctx context.Context, cfg config.Config, args []string) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprint(os.Stderr, importUsage+strings.Join(imports.KindNames(), ", ")+"\n\nflags:\n")
		fs.PrintDefaults()
	}
	kind := fs.String("kind", "", "what the file holds: "+strings.Join(imports.KindNames(), ", "))
	dryRun := fs.Bool("dry-run", false, "check every row and report, write nothing")
	mode := fs.String("mode", "all-or-nothing", "all-or-nothing: nothing is written when a row is refused; valid-rows: write the rest")
	// Flags may follow the file name: summit import FILE --kind orders.
	var file string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		file, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if file == "" && fs.NArg() > 0 {
		file = fs.Arg(0)
	}
	if file == "" || *kind == "" {
		fs.Usage()
		return errors.New("import: FILE and --kind are required")
	}
	m := strings.ToUpper(strings.ReplaceAll(*mode, "-", "_"))
	f, err := os.Open(file)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	defer f.Close()

	db, logger, err := openMigrated(ctx, cfg)
	if err != nil {
		return err
	}
	defer closeQuietly(db)
	loc, err := cfg.Location()
	if err != nil {
		return err
	}
	svc := imports.Service{Pool: db.Pool, Location: loc, Logger: logger}.WithDefaults()
	v := viewer.FromContext(viewer.System(ctx, "cli:import "+cliActor()))

	up, err := svc.Create(ctx, v, *kind, filepath.Base(file), f)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	fmt.Fprintf(os.Stderr, "import %d: %s, %s", up.ID, up.Format, up.Kind)
	if up.Encoding != "" {
		fmt.Fprintf(os.Stderr, " (%s)", up.Encoding)
	}
	fmt.Fprintf(os.Stderr, ", headers on row %d\n", up.Mapping.HeaderRow)
	for _, fl := range up.Fields {
		if fl.Column != "" {
			fmt.Fprintf(os.Stderr, "  %-22s ← %s\n", fl.Key, fl.Column)
		}
	}
	if len(up.Unmapped) > 0 {
		return fmt.Errorf("import: no column found for %s (headers: %s)", strings.Join(up.Unmapped, ", "), strings.Join(up.Mapping.Headers, ", "))
	}
	if err := svc.Start(ctx, nil, v, up.ID, *dryRun, m); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	if err := svc.Run(ctx, up.ID); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	st, err := svc.Status(ctx, v, up.ID)
	if err != nil {
		return err
	}
	c := st.Counts
	fmt.Printf("%s: %d rows, %d created, %d updated, %d unchanged, %d refused\n", st.Status, c.Total, c.Created, c.Updated, c.Unchanged, c.Refused)
	err = svc.EachIssue(ctx, v, up.ID, 0, func(is imports.Issue) error {
		col := is.Column
		if col == "" {
			col = "-"
		}
		fmt.Printf("  row %d\t%s\t%q\t%s\n", is.Row, col, is.Value, is.Message)
		return nil
	})
	if err != nil {
		return err
	}
	if st.Error != "" {
		return fmt.Errorf("import: %s", st.Error)
	}
	if c.Refused > 0 {
		return fmt.Errorf("import: %d rows refused", c.Refused)
	}
	return nil
}
