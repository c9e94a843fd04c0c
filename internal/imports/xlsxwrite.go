package imports

import (
	"archive/zip"
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Cell is one cell for XLSXWriter: text by default, a number when Number is
// set, a formula (with its cached Value) when Formula is set.
type Cell struct {
	Value   string
	Number  bool
	Formula string
}

// XLSXWriter writes a one-sheet workbook row by row: inline strings and a
// deflate stream, so memory stays constant however many rows (exports,
// templates, test fixtures). Close finishes the archive.
type XLSXWriter struct {
	zw     *zip.Writer
	w      *bufio.Writer
	row    int
	merges []string
	err    error
}

// NewXLSXWriter starts a workbook with one sheet named sheet.
func NewXLSXWriter(out io.Writer, sheet string) (*XLSXWriter, error) {
	zw := zip.NewWriter(out)
	parts := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
		"_rels/.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="` + xmlEscape(sheetName(sheet)) + `" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"} {
		f, err := zw.Create(name)
		if err != nil {
			return nil, fmt.Errorf("error writing workbook: %w", err)
		}
		if _, err := io.WriteString(f, parts[name]); err != nil {
			return nil, fmt.Errorf("error writing workbook: %w", err)
		}
	}
	f, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		return nil, fmt.Errorf("error writing workbook: %w", err)
	}
	x := &XLSXWriter{zw: zw, w: bufio.NewWriterSize(f, 64<<10)}
	_, x.err = x.w.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	return x, x.err
}

// sheetName keeps a name Excel accepts: 31 characters, none of []:*?/\.
func sheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '_'
		}
		return r
	}, s)
	if r := []rune(s); len(r) > 31 {
		s = string(r[:31])
	}
	if s == "" {
		s = "Sheet1"
	}
	return s
}

func xmlEscape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// ColumnName returns the letters of 0-based column i ("A", "AB").
func ColumnName(i int) string {
	name := ""
	for i++; i > 0; i = (i - 1) / 26 {
		name = string(rune('A'+(i-1)%26)) + name
	}
	return name
}

// WriteRow appends a row of text cells.
func (x *XLSXWriter) WriteRow(values ...string) error {
	cells := make([]Cell, len(values))
	for i, v := range values {
		cells[i] = Cell{Value: v}
	}
	return x.WriteCells(cells)
}

// WriteCells appends a row.
func (x *XLSXWriter) WriteCells(cells []Cell) error {
	if x.err != nil {
		return x.err
	}
	x.row++
	w := x.w
	_, _ = w.WriteString(`<row r="`)
	_, _ = w.WriteString(strconv.Itoa(x.row))
	_, _ = w.WriteString(`">`)
	for i, c := range cells {
		if c.Value == "" && c.Formula == "" {
			continue
		}
		ref := ColumnName(i) + strconv.Itoa(x.row)
		switch {
		case c.Formula != "":
			t := ` t="str"`
			if c.Number {
				t = ""
			}
			fmt.Fprintf(w, `<c r="%s"%s><f>%s</f><v>%s</v></c>`, ref, t, xmlEscape(c.Formula), xmlEscape(c.Value))
		case c.Number:
			fmt.Fprintf(w, `<c r="%s"><v>%s</v></c>`, ref, xmlEscape(c.Value))
		default:
			fmt.Fprintf(w, `<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>`, ref, xmlEscape(c.Value))
		}
	}
	_, x.err = w.WriteString(`</row>`)
	return x.err
}

// Merge marks a merged range such as "A2:A4" (written at Close).
func (x *XLSXWriter) Merge(ref string) { x.merges = append(x.merges, ref) }

// Close ends the sheet and the archive.
func (x *XLSXWriter) Close() error {
	if x.err != nil {
		return x.err
	}
	_, _ = x.w.WriteString(`</sheetData>`)
	if len(x.merges) > 0 {
		fmt.Fprintf(x.w, `<mergeCells count="%d">`, len(x.merges))
		for _, m := range x.merges {
			fmt.Fprintf(x.w, `<mergeCell ref="%s"/>`, m)
		}
		_, _ = x.w.WriteString(`</mergeCells>`)
	}
	_, _ = x.w.WriteString(`</worksheet>`)
	if err := x.w.Flush(); err != nil {
		return fmt.Errorf("error writing workbook: %w", err)
	}
	if err := x.zw.Close(); err != nil {
		return fmt.Errorf("error writing workbook: %w", err)
	}
	return nil
}
