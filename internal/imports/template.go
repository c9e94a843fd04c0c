package imports

import (
	"encoding/csv"
	"fmt"
	"io"
)

// utf8BOM makes Excel open a UTF-8 CSV as UTF-8 (without it, Chinese Excel
// reads GBK and shows mojibake).
const utf8BOM = "\ufeff"

// WriteTemplate writes the blank template of k: its header row in lang
// ("zh" or "en"); both languages are recognised on import.
func WriteTemplate(w io.Writer, k *Kind, format Format, lang string) error {
	headers := make([]string, len(k.Columns))
	for i, c := range k.Columns {
		headers[i] = c.ZH
		if lang == "en" {
			headers[i] = c.EN
		}
	}
	if format == XLSX {
		name := k.ZH
		if lang == "en" {
			name = k.EN
		}
		x, err := NewXLSXWriter(w, name)
		if err != nil {
			return err
		}
		if err := x.WriteRow(headers...); err != nil {
			return err
		}
		return x.Close()
	}
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return fmt.Errorf("error writing template: %w", err)
	}
	cw := csv.NewWriter(w)
	_ = cw.Write(headers)
	cw.Flush()
	return cw.Error()
}

// Hints lists, per column of k, what it expects (for docs and the wizard).
func (k *Kind) Hints() []Field { return fieldsOf(k, &Mapping{Source: make([]int, len(k.Columns))}) }
