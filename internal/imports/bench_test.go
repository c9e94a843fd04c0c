package imports_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/internal/exports"
	"github.com/summitkam/summit/internal/imports"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/viewer"
)

// benchRows is the size of the CSV benchmark (SUMMIT_IMPORT_BENCH_ROWS).
func benchRows(env string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(env)); err == nil && n > 0 {
		return n
	}
	return def
}

// resetPeakRSS restarts the kernel's peak-RSS counter (VmHWM) of this
// process, so a measurement excludes the harness's setup.
func resetPeakRSS() {
	runtime.GC()
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

func peakRSS() int64 {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(status), "\n") {
		if kb, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			n, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(kb), "kB")), 10, 64)
			if err == nil {
				return n * 1024
			}
		}
	}
	return -1
}

func benchAccounts(b *testing.B, pool *pgxpool.Pool, n int) {
	_, err := pool.Exec(context.Background(), `
		INSERT INTO accounts (created_at, updated_at, code, name, kind)
		SELECT now(), now(), 'B' || lpad(i::text, 6, '0'), '基准客户' || i, 'B2B' FROM generate_series(1, $1) i`, n)
	require.NoError(b, err)
}

func writeOrdersCSV(b *testing.B, path string, rows, accounts int) {
	f, err := os.Create(path)
	require.NoError(b, err)
	w := bufio.NewWriterSize(f, 1<<20)
	_, _ = w.WriteString("客户编码,出货单号,出货日期,出货金额,毛利\n")
	for i := range rows {
		fmt.Fprintf(w, "B%06d,BO%08d,2026-%02d-%02d,\"%d,%03d.%02d\",%d.%02d\n",
			1+i%accounts, i, 1+i%12, 1+i%28, 1+i%97, i%1000, i%100, i%5000, i%100)
	}
	require.NoError(b, w.Flush())
	require.NoError(b, f.Close())
}

// BenchmarkImportOrdersCSV imports a million order rows from CSV (upload,
// checks, staged upserts, progress per batch) and, in the same run, COPYs
// the same file into a bare table: the ratio is the import's cost over
// PostgreSQL's own loading. Peak RSS is the Go process's during the import.
func BenchmarkImportOrdersCSV(b *testing.B) {
	ctx := context.Background()
	pool := testdb.New(b).Pool()
	rowsN := benchRows("SUMMIT_IMPORT_BENCH_ROWS", 1_000_000)
	benchAccounts(b, pool, 2000)
	path := filepath.Join(b.TempDir(), "orders.csv")
	writeOrdersCSV(b, path, rowsN, 2000)
	admin := &viewer.Viewer{Kind: viewer.KindUser, Label: "bench", Roles: []viewer.Role{viewer.RoleAdmin}}
	svc := imports.Service{Pool: pool}.WithDefaults()
	b.ResetTimer()
	for range b.N {
		// Baseline: COPY into a bare table.
		_, err := pool.Exec(ctx, `DROP TABLE IF EXISTS bench_copy; CREATE TABLE bench_copy (account_code text, order_no text, order_date date, amount text, margin numeric)`)
		require.NoError(b, err)
		conn, err := pool.Acquire(ctx)
		require.NoError(b, err)
		f, err := os.Open(path)
		require.NoError(b, err)
		start := time.Now()
		_, err = conn.Conn().PgConn().CopyFrom(ctx, f, `COPY bench_copy FROM STDIN WITH (FORMAT csv, HEADER true)`)
		copyTime := time.Since(start)
		require.NoError(b, err)
		f.Close()
		conn.Release()

		// Second baseline, the floor of any set-based import: the bare
		// table's rows into orders itself (its four indexes and the
		// foreign key to accounts) in one INSERT … SELECT, accounts
		// resolved by a join, amounts converted in SQL; no checks, no
		// report, no batches.
		_, err = pool.Exec(ctx, `TRUNCATE orders CASCADE`)
		require.NoError(b, err)
		start = time.Now()
		_, err = pool.Exec(ctx, `
			INSERT INTO orders (created_at, updated_at, account_id, order_no, order_date, amount_minor, margin_minor, currency, status)
			SELECT now(), now(), a.id, c.order_no, c.order_date, (replace(c.amount, ',', '')::numeric * 100)::bigint,
				(c.margin * 100)::bigint, 'CNY', 'SHIPPED'
			FROM bench_copy c JOIN accounts a ON a.code = c.account_code`)
		require.NoError(b, err)
		floorTime := time.Since(start)

		_, err = pool.Exec(ctx, `TRUNCATE orders CASCADE`)
		require.NoError(b, err)
		resetPeakRSS()
		f, err = os.Open(path)
		require.NoError(b, err)
		start = time.Now()
		up, err := svc.Create(ctx, admin, "orders", "orders.csv", f)
		require.NoError(b, err)
		f.Close()
		uploadTime := time.Since(start)
		require.NoError(b, svc.Start(ctx, nil, admin, up.ID, false, imports.ValidRows))
		require.NoError(b, svc.Run(ctx, up.ID))
		importTime := time.Since(start)
		b.Logf("upload (file stored in the database) %.1fs, run (parse, check, write) %.1fs", uploadTime.Seconds(), (importTime - uploadTime).Seconds())
		rss := peakRSS()
		st, err := svc.Status(ctx, admin, up.ID)
		require.NoError(b, err)
		require.Equal(b, rowsN, st.Counts.Created, "%+v", st)
		ratio := importTime.Seconds() / copyTime.Seconds()
		b.ReportMetric(ratio, "ratio")
		b.ReportMetric(floorTime.Seconds()/copyTime.Seconds(), "floor-ratio")
		b.ReportMetric(float64(rss)/(1<<20), "peak-RSS-MB")
		b.Logf("%d rows: import %.1fs, COPY into a bare table %.1fs (ratio %.2f); one INSERT … SELECT of those rows into orders %.1fs (floor ratio %.2f); peak RSS %d MB",
			rowsN, importTime.Seconds(), copyTime.Seconds(), ratio, floorTime.Seconds(), floorTime.Seconds()/copyTime.Seconds(), rss>>20)
	}
}

// BenchmarkImportOrdersXLSX imports a 200,000-row workbook; what counts is
// peak RSS (the sheet is decoded one row at a time).
func BenchmarkImportOrdersXLSX(b *testing.B) {
	ctx := context.Background()
	pool := testdb.New(b).Pool()
	rowsN := benchRows("SUMMIT_IMPORT_BENCH_XLSX_ROWS", 200_000)
	benchAccounts(b, pool, 2000)
	path := filepath.Join(b.TempDir(), "orders.xlsx")
	f, err := os.Create(path)
	require.NoError(b, err)
	x, err := imports.NewXLSXWriter(f, "出货回款表")
	require.NoError(b, err)
	require.NoError(b, x.WriteRow("客户编码", "出货单号", "出货日期", "出货金额", "毛利"))
	for i := range rowsN {
		require.NoError(b, x.WriteCells([]imports.Cell{{Value: fmt.Sprintf("B%06d", 1+i%2000)}, {Value: fmt.Sprintf("XO%08d", i)},
			{Value: strconv.Itoa(46023 + i%365), Number: true}, {Value: fmt.Sprintf("%d.%02d", 1000+i%9000, i%100), Number: true},
			{Value: strconv.Itoa(i % 500), Number: true}}))
	}
	require.NoError(b, x.Close())
	require.NoError(b, f.Close())
	admin := &viewer.Viewer{Kind: viewer.KindUser, Label: "bench", Roles: []viewer.Role{viewer.RoleAdmin}}
	svc := imports.Service{Pool: pool}.WithDefaults()
	b.ResetTimer()
	for range b.N {
		_, err = pool.Exec(ctx, `TRUNCATE orders CASCADE`)
		require.NoError(b, err)
		resetPeakRSS()
		f, err := os.Open(path)
		require.NoError(b, err)
		start := time.Now()
		up, err := svc.Create(ctx, admin, "orders", "orders.xlsx", f)
		require.NoError(b, err)
		f.Close()
		require.NoError(b, svc.Start(ctx, nil, admin, up.ID, false, imports.ValidRows))
		require.NoError(b, svc.Run(ctx, up.ID))
		elapsed := time.Since(start)
		rss := peakRSS()
		st, err := svc.Status(ctx, admin, up.ID)
		require.NoError(b, err)
		require.Equal(b, rowsN, st.Counts.Created, "%+v", st)
		b.ReportMetric(float64(rss)/(1<<20), "peak-RSS-MB")
		b.Logf("%d XLSX rows: %.1fs, peak RSS %d MB", rowsN, elapsed.Seconds(), rss>>20)
	}
}

// BenchmarkExportAccounts streams 100,000 accounts as CSV and as XLSX and,
// in the same run, about a tenth of them (the names containing 基准客户1):
// the peak RSS growth of the process during each export (over its RSS
// before) must not follow the row count. The metric is the growth of the
// full export over the growth of the tenth.
func BenchmarkExportAccounts(b *testing.B) {
	ctx := context.Background()
	pool := testdb.New(b).Pool()
	n := benchRows("SUMMIT_EXPORT_BENCH_ACCOUNTS", 100_000)
	benchAccounts(b, pool, n)
	admin := &viewer.Viewer{Kind: viewer.KindUser, Roles: []viewer.Role{viewer.RoleAdmin}}
	l, _ := exports.Lookup("accounts")
	export := func(format string, filter url.Values) (rows int, growth int64, elapsed time.Duration) {
		resetPeakRSS()
		base := peakRSS()
		start := time.Now()
		rows, err := exports.Write(ctx, pool, admin, l, filter, format, "zh", io.Discard)
		require.NoError(b, err)
		return rows, peakRSS() - base, time.Since(start)
	}
	b.ResetTimer()
	for range b.N {
		for _, format := range []string{"csv", "xlsx"} {
			// About a tenth: 基准客户1, 1x, 1xx, 1xxx, 1xxxx (11,111 of 100,000).
			tenthRows, tenthGrowth, _ := export(format, url.Values{"q": {"基准客户1"}})
			rows, growth, elapsed := export(format, url.Values{})
			require.Equal(b, n, rows)
			b.ReportMetric(float64(growth)/(1<<20), format+"-RSS-growth-MB")
			b.ReportMetric(float64(max(growth, 1<<20))/float64(max(tenthGrowth, 1<<20)), format+"-growth-ratio")
			b.Logf("export %d accounts as %s: %.1fs, peak RSS growth %.1f MB; %d accounts: growth %.1f MB",
				n, format, elapsed.Seconds(), float64(growth)/(1<<20), tenthRows, float64(tenthGrowth)/(1<<20))
		}
	}
}
