package imports

// Why not excelize: its OpenReader/OpenFile reads the whole archive into
// memory and pulls half a dozen modules; importing needs only the first
// sheet's cell values (shared strings, inline strings, numbers, booleans,
// and the cached value of formula cells), read one row at a time. That is
// archive/zip and encoding/xml, about 300 lines, with memory bounded by the
// shared-string table and one row.

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

type xlsxRows struct {
	zr      *zip.ReadCloser
	sheet   io.ReadCloser
	dec     *xml.Decoder
	strings []string
	merges  []mergeRange
	cells   []string
	done    bool
}

type mergeRange struct {
	r1, c1, r2, c2 int
	value          string
}

// OpenXLSX opens the first worksheet of the workbook at path.
func OpenXLSX(filePath string) (Rows, error) {
	zr, err := zip.OpenReader(filePath)
	if err != nil {
		return nil, fmt.Errorf("the file is not a readable XLSX workbook: %w", err)
	}
	x := &xlsxRows{zr: zr}
	if err := x.open(); err != nil {
		_ = zr.Close()
		return nil, err
	}
	return x, nil
}

func (x *xlsxRows) file(name string) *zip.File {
	name = strings.TrimPrefix(name, "/")
	for _, f := range x.zr.File {
		if strings.EqualFold(f.Name, name) {
			return f
		}
	}
	return nil
}

func (x *xlsxRows) open() error {
	sheetPath, err := x.firstSheet()
	if err != nil {
		return err
	}
	if f := x.file("xl/sharedStrings.xml"); f != nil {
		if x.strings, err = readSharedStrings(f); err != nil {
			return err
		}
	}
	sf := x.file(sheetPath)
	if sf == nil {
		return fmt.Errorf("the workbook has no worksheet %s", sheetPath)
	}
	// Merged ranges are listed after the cells; a first pass over the raw
	// bytes finds them without decoding the XML.
	if x.merges, err = scanMerges(sf); err != nil {
		return err
	}
	rc, err := sf.Open()
	if err != nil {
		return fmt.Errorf("error reading worksheet: %w", err)
	}
	x.sheet = rc
	x.dec = xml.NewDecoder(bufio.NewReaderSize(rc, 64<<10))
	return nil
}

// firstSheet finds the first sheet of the workbook (in tab order) and its
// part name.
func (x *xlsxRows) firstSheet() (string, error) {
	wb := x.file("xl/workbook.xml")
	if wb == nil {
		return "", errors.New("the file is not an XLSX workbook (no xl/workbook.xml)")
	}
	var book struct {
		Sheets []struct {
			ID string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := decodePart(wb, &book); err != nil {
		return "", err
	}
	if len(book.Sheets) == 0 {
		return "", errors.New("the workbook has no sheet")
	}
	rels := x.file("xl/_rels/workbook.xml.rels")
	if rels == nil {
		return "xl/worksheets/sheet1.xml", nil
	}
	var rs struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := decodePart(rels, &rs); err != nil {
		return "", err
	}
	for _, r := range rs.Rel {
		if r.ID == book.Sheets[0].ID {
			if strings.HasPrefix(r.Target, "/") {
				return strings.TrimPrefix(r.Target, "/"), nil
			}
			return path.Join("xl", r.Target), nil
		}
	}
	return "", errors.New("the workbook's first sheet has no part")
}

func decodePart(f *zip.File, v any) error {
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("error reading %s: %w", f.Name, err)
	}
	defer rc.Close()
	if err := xml.NewDecoder(rc).Decode(v); err != nil {
		return fmt.Errorf("error reading %s: %w", f.Name, err)
	}
	return nil
}

// readSharedStrings reads the shared-string table: each <si> is plain <t>
// or rich-text runs <r><t>; phonetic guides (<rPh>) are not the text.
func readSharedStrings(f *zip.File) ([]string, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("error reading shared strings: %w", err)
	}
	defer rc.Close()
	dec := xml.NewDecoder(bufio.NewReaderSize(rc, 64<<10))
	var out []string
	var b strings.Builder
	inT, inPh := false, false
	for {
		tok, err := dec.RawToken()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("error reading shared strings: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				b.Reset()
			case "t":
				inT = true
			case "rPh":
				inPh = true
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				out = append(out, b.String())
			case "t":
				inT = false
			case "rPh":
				inPh = false
			}
		case xml.CharData:
			if inT && !inPh {
				b.Write(t)
			}
		}
	}
}

var mergeTag = []byte(`<mergeCell ref="`)

// scanMerges finds <mergeCell ref="A2:A5"/> elements in the sheet's bytes.
func scanMerges(f *zip.File) ([]mergeRange, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("error reading worksheet: %w", err)
	}
	defer rc.Close()
	var out []mergeRange
	buf := make([]byte, 256<<10)
	carry := 0
	for {
		n, err := io.ReadFull(rc, buf[carry:])
		data := buf[:carry+n]
		for {
			i := bytes.Index(data, mergeTag)
			if i < 0 {
				break
			}
			rest := data[i+len(mergeTag):]
			j := bytes.IndexByte(rest, '"')
			if j < 0 {
				break
			}
			if m, ok := parseRange(string(rest[:j])); ok {
				out = append(out, m)
			}
			data = rest[j:]
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("error reading worksheet: %w", err)
		}
		// Keep a tail that may hold a tag cut in two.
		keep := min(len(data), 64)
		copy(buf, data[len(data)-keep:])
		carry = keep
	}
}

func parseRange(ref string) (mergeRange, bool) {
	a, b, ok := strings.Cut(ref, ":")
	if !ok {
		return mergeRange{}, false
	}
	c1, r1, ok1 := parseRef(a)
	c2, r2, ok2 := parseRef(b)
	if !ok1 || !ok2 {
		return mergeRange{}, false
	}
	return mergeRange{r1: r1, c1: c1, r2: r2, c2: c2}, true
}

// parseRef reads "AB12" as column 27 (0-based: 27) and row 12.
func parseRef(ref string) (col, row int, ok bool) {
	i := 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A'+1)
		i++
	}
	if i == 0 || i == len(ref) {
		return 0, 0, false
	}
	row, err := strconv.Atoi(ref[i:])
	if err != nil {
		return 0, 0, false
	}
	return col - 1, row, true
}

// Next decodes the next <row>.
func (x *xlsxRows) Next() (int, []string, error) {
	for !x.done {
		row, err := x.readRow()
		if err != nil {
			return 0, nil, err
		}
		if row < 0 {
			x.done = true
			break
		}
		x.fillMerges(row)
		if !blank(x.cells) {
			return row, x.cells, nil
		}
	}
	return 0, nil, io.EOF
}

// readRow reads cells until </row>; -1 at the end of the sheet data.
func (x *xlsxRows) readRow() (int, error) {
	row := -1
	x.cells = x.cells[:0]
	var (
		inRow, inV, inIS, inT bool
		col, next             int
		typ                   string
		val                   strings.Builder
	)
	for {
		tok, err := x.dec.RawToken()
		if errors.Is(err, io.EOF) {
			return -1, nil
		}
		if err != nil {
			return 0, fmt.Errorf("error reading worksheet: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				inRow, next = true, 0
				row = -2
				for _, a := range t.Attr {
					if a.Name.Local == "r" {
						if n, err := strconv.Atoi(a.Value); err == nil {
							row = n
						}
					}
				}
			case "c":
				col, typ = next, ""
				val.Reset()
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "r":
						if c, _, ok := parseRef(a.Value); ok {
							col = c
						}
					case "t":
						typ = a.Value
					}
				}
				next = col + 1
			case "v":
				inV = true
			case "is":
				inIS = true
			case "t":
				inT = inIS
			}
		case xml.CharData:
			if inV || inT {
				val.Write(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v":
				inV = false
			case "t":
				inT = false
			case "is":
				inIS = false
			case "c":
				if col > 16383 {
					return 0, fmt.Errorf("row %d: cell beyond column XFD", row)
				}
				for len(x.cells) <= col {
					x.cells = append(x.cells, "")
				}
				x.cells[col] = x.cellValue(typ, val.String())
			case "row":
				if row == -2 {
					return 0, errors.New("error reading worksheet: a row without its number")
				}
				return row, nil
			case "sheetData":
				if !inRow {
					return -1, nil
				}
				return -1, nil
			}
		}
	}
}

// cellValue turns a cell's stored value into text: shared strings looked
// up, booleans as 1/0, formula cells as their cached value (the <v> Excel
// saved with the formula), numbers as written.
func (x *xlsxRows) cellValue(typ, v string) string {
	if typ == "s" {
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(x.strings) {
			return ""
		}
		return x.strings[i]
	}
	return v
}

// fillMerges gives every cell of a merged range the value of its top-left
// cell, so a customer code merged over several order rows belongs to each.
func (x *xlsxRows) fillMerges(row int) {
	for i := range x.merges {
		m := &x.merges[i]
		if row < m.r1 || row > m.r2 {
			continue
		}
		if row == m.r1 {
			if m.c1 < len(x.cells) {
				m.value = x.cells[m.c1]
			}
			continue
		}
		for len(x.cells) <= m.c2 {
			x.cells = append(x.cells, "")
		}
		for c := m.c1; c <= m.c2; c++ {
			x.cells[c] = m.value
		}
	}
}

func (x *xlsxRows) Close() error {
	var err error
	if x.sheet != nil {
		err = x.sheet.Close()
	}
	return errors.Join(err, x.zr.Close())
}
