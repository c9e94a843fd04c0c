package imports

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// NDJSONToCSV streams an NDJSON body (one object per line, keyed by the
// kind's field keys) as CSV with those keys as headers, so a feed goes
// through exactly the checks of a file. Numbers keep their text (no float
// rounding); unknown keys are an error, reported before anything is stored.
func NDJSONToCSV(k *Kind, in io.Reader) io.Reader {
	pr, pw := io.Pipe()
	go func() {
		keys := make([]string, len(k.Columns))
		index := map[string]int{}
		for i, c := range k.Columns {
			keys[i] = c.Key
			index[c.Key] = i
		}
		cw := csv.NewWriter(pw)
		_ = cw.Write(keys)
		sc := bufio.NewScanner(in)
		sc.Buffer(make([]byte, 64<<10), 4<<20)
		line := 0
		cells := make([]string, len(keys))
		for sc.Scan() {
			line++
			raw := bytes.TrimSpace(sc.Bytes())
			if len(raw) == 0 {
				// An empty row keeps row numbers equal to line numbers + 1.
				for i := range cells {
					cells[i] = ""
				}
				if err := cw.Write(cells); err != nil {
					pw.CloseWithError(err)
					return
				}
				continue
			}
			dec := json.NewDecoder(bytes.NewReader(raw))
			dec.UseNumber()
			var obj map[string]any
			if err := dec.Decode(&obj); err != nil {
				pw.CloseWithError(fmt.Errorf("line %d is not a JSON object: %w", line, err))
				return
			}
			for i := range cells {
				cells[i] = ""
			}
			for key, v := range obj {
				i, ok := index[key]
				if !ok {
					pw.CloseWithError(fmt.Errorf("line %d: %s has no field %q (fields: %s)", line, k.Name, key, strings.Join(keys, ", ")))
					return
				}
				switch v := v.(type) {
				case nil:
				case string:
					cells[i] = v
				case json.Number:
					cells[i] = v.String()
				case bool:
					cells[i] = fmt.Sprint(v)
				default:
					pw.CloseWithError(fmt.Errorf("line %d: %s must be a string, number or boolean", line, key))
					return
				}
			}
			if err := cw.Write(cells); err != nil {
				pw.CloseWithError(err)
				return
			}
		}
		cw.Flush()
		if err := sc.Err(); err != nil {
			pw.CloseWithError(fmt.Errorf("error reading the feed: %w", err))
			return
		}
		pw.CloseWithError(cw.Error())
	}()
	return pr
}
