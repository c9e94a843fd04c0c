package imports

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Rows reads a file one row at a time.
type Rows interface {
	// Next returns the next non-empty row and its 1-based number as a
	// spreadsheet shows it; io.EOF after the last. cells is reused by the
	// next call.
	Next() (row int, cells []string, err error)
	Close() error
}

// Format of an uploaded file.
type Format string

// Formats.
const (
	CSV  Format = "CSV"
	XLSX Format = "XLSX"
)

// DetectFormat tells an XLSX (a zip archive) from a CSV by its first bytes.
func DetectFormat(head []byte) Format {
	if bytes.HasPrefix(head, []byte("PK\x03\x04")) {
		return XLSX
	}
	return CSV
}

// OpenFile opens path as the format its content shows.
func OpenFile(path string) (Rows, Format, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, "", fmt.Errorf("error opening %s: %w", path, err)
	}
	head := make([]byte, 4)
	n, _ := io.ReadFull(f, head)
	format := DetectFormat(head[:n])
	if format == XLSX {
		_ = f.Close()
		rows, err := OpenXLSX(path)
		return rows, format, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		_ = f.Close()
		return nil, "", fmt.Errorf("error reading %s: %w", path, err)
	}
	rows, err := NewCSV(f)
	if err != nil {
		_ = f.Close()
		return nil, "", err
	}
	return rows, format, nil
}

// csvRows reads CSV (or tab-separated text) in its detected encoding.
type csvRows struct {
	r      *csv.Reader
	closer io.Closer
	row    int
	// lines is the physical line the previous record ended on; the row
	// number advances by the lines between records (blank lines count as
	// rows, as in a spreadsheet) and by one per record (a quoted cell
	// spanning lines is still one row).
	lines int
	// Encoding is the detected encoding, for the upload summary.
	Encoding string
}

// NewCSV reads r as CSV. The encoding is detected from the first 64 KiB: a
// byte-order mark (UTF-8, UTF-16), else valid UTF-8, else GB18030 — the
// superset of GBK/GB2312 that Chinese Excel's "CSV" is written in. The
// separator is the most frequent of comma, tab and semicolon in the first
// line. If r is an io.Closer, Close closes it.
func NewCSV(r io.Reader) (Rows, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(64 << 10)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, fmt.Errorf("error reading the file: %w", err)
	}
	enc, name := detectEncoding(head)
	var text io.Reader = br
	if enc != nil {
		text = transform.NewReader(br, enc.NewDecoder())
	}
	if name == "UTF-8" {
		// unicode.BOMOverride strips a UTF-8 BOM.
		text = transform.NewReader(br, unicode.BOMOverride(transform.Nop))
	}
	tr := bufio.NewReaderSize(text, 64<<10)
	first, _ := tr.Peek(8 << 10)
	sep := sniffSeparator(first)
	cr := csv.NewReader(tr)
	cr.Comma = sep
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	rows := &csvRows{r: cr, Encoding: name}
	if c, ok := r.(io.Closer); ok {
		rows.closer = c
	}
	return rows, nil
}

func detectEncoding(head []byte) (encoding.Encoding, string) {
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		return nil, "UTF-8"
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "UTF-16LE"
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "UTF-16BE"
	}
	// The sample may end inside a character: ignore up to 3 trailing bytes.
	valid := utf8.Valid(head)
	for cut := 1; !valid && cut <= 3 && cut < len(head); cut++ {
		valid = utf8.Valid(head[:len(head)-cut])
	}
	if valid {
		return nil, "UTF-8"
	}
	return simplifiedchinese.GB18030, "GB18030"
}

func sniffSeparator(head []byte) rune {
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	best, n := ',', bytes.Count(head, []byte{','})
	for _, c := range []rune{'\t', ';'} {
		if k := strings.Count(string(head), string(c)); k > n {
			best, n = c, k
		}
	}
	return best
}

func (c *csvRows) Next() (int, []string, error) {
	for {
		rec, err := c.r.Read()
		if err != nil {
			var perr *csv.ParseError
			if errors.As(err, &perr) {
				c.row++
				return c.row, nil, fmt.Errorf("row %d: %w", c.row, err)
			}
			return 0, nil, err
		}
		start, _ := c.r.FieldPos(0)
		last := len(rec) - 1
		end, _ := c.r.FieldPos(last)
		end += strings.Count(rec[last], "\n")
		c.row += max(1, start-c.lines)
		c.lines = end
		if !blank(rec) {
			return c.row, rec, nil
		}
	}
}

func (c *csvRows) Close() error {
	if c.closer != nil {
		return c.closer.Close()
	}
	return nil
}

// blank reports whether every cell is empty or spaces (an empty or merged
// spacer row).
func blank(cells []string) bool {
	for _, c := range cells {
		if clean(c) != "" {
			return false
		}
	}
	return true
}

// FindHeader reads the first rows of rows and returns the row that k
// recognises most headers in (a title row such as a merged "客户信息表"
// above the headers is passed over), or the first row when none is
// recognised. It returns the headers, their row number, and a sample of the
// data rows that follow (up to sample rows).
func (k *Kind) FindHeader(rows Rows, sample int) (headers []string, headerRow int, preview [][]string, err error) {
	const scan = 20
	var seen [][]string
	var nums []int
	for len(seen) < scan+sample {
		n, cells, err := rows.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, 0, nil, err
		}
		seen = append(seen, append([]string(nil), cells...))
		nums = append(nums, n)
	}
	if len(seen) == 0 {
		return nil, 0, nil, errors.New("the file has no rows")
	}
	best, bestScore := 0, 0
	for i := 0; i < len(seen) && i < scan; i++ {
		if s := k.score(seen[i]); s > bestScore {
			best, bestScore = i, s
		}
	}
	headers = make([]string, len(seen[best]))
	for i, h := range seen[best] {
		headers[i] = clean(h)
	}
	end := min(len(seen), best+1+sample)
	return headers, nums[best], seen[best+1 : end], nil
}
