// Package imports brings a company's own spreadsheets and ERP feeds into
// Summit: accounts, contacts, orders (shipments, optionally with their
// collection), collections, satisfaction surveys, complaints, credit
// ratings, price coefficients and distributor profiles.
//
// The pipeline is upload → column mapping (suggested from the headers, in
// Chinese or English) → dry run (every row validated, every refusal with its
// row, column, value and message) → commit. Files are read as streams: CSV
// (UTF-8 with or without BOM, UTF-16 with BOM, else GB18030 — the superset of
// the GBK that Chinese Excel writes) and XLSX (a small archive/zip +
// encoding/xml reader that decodes one row at a time, see xlsx.go for why no
// spreadsheet library). Values are read as people type them: "1,234.50",
// "¥1,234", "12.5万", full-width digits, Excel serial dates, "2026/3/1".
//
// A commit writes rows in batches through a temporary staging table (COPY)
// and one set-based upsert per target table, keyed by the company's own code
// or external id, so importing a file twice changes nothing. Progress (rows
// done) commits with each batch, so a commit interrupted by a crash resumes
// where it stopped without duplicating or losing a row; "all or nothing"
// commits run in one transaction instead. Row-level access is applied in
// SQL: a key-account manager imports only into accounts they may edit.
package imports
