package imports_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/internal/imports"
	"github.com/summitkam/summit/internal/viewer"
)

func (b *bundle) serve(t *testing.T, v *viewer.Viewer, method, path, contentType string, body []byte) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, path, bytes.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req = req.WithContext(viewer.NewContext(req.Context(), v))
	rec := httptest.NewRecorder()
	imports.Handler(b.svc, b.jobs).ServeHTTP(rec, req)
	return rec
}

// The wizard's steps over HTTP: upload (multipart), status with the
// suggested mapping, a dry run, the downloadable report.
func TestHTTPUploadDryRunReport(t *testing.T) {
	t.Parallel()
	b := setup(t, 20)
	c := b.codes(t, 1)
	var form bytes.Buffer
	mw := multipart.NewWriter(&form)
	fw, err := mw.CreateFormFile("file", "单价系数表.csv")
	require.NoError(t, err)
	fmt.Fprintf(fw, "客户编码,客户名称,单价系数\n%s,,0.95\nNOPE,,1\n%s,,abc\n", c[0], c[0])
	require.NoError(t, mw.Close())
	rec := b.serve(t, admin, "POST", "/api/imports?kind=price_coefficients", mw.FormDataContentType(), form.Bytes())
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var up imports.Upload
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &up))
	require.Empty(t, up.Unmapped)
	require.Equal(t, "单价系数表.csv", func() string {
		var name string
		require.NoError(t, b.pool.QueryRow(b.ctx, `SELECT file_name FROM data_imports WHERE id = $1`, up.ID).Scan(&name))
		return name
	}())

	rec = b.serve(t, admin, "POST", fmt.Sprintf("/api/imports/%d/dry-run", up.ID), "", nil)
	require.Equal(t, http.StatusAccepted, rec.Code, rec.Body.String())
	require.NoError(t, b.svc.Run(b.ctx, up.ID)) // the worker's part
	rec = b.serve(t, admin, "GET", fmt.Sprintf("/api/imports/%d", up.ID), "", nil)
	require.Equal(t, http.StatusOK, rec.Code)
	require.Contains(t, rec.Body.String(), `"status":"VALIDATED"`)

	rec = b.serve(t, admin, "GET", fmt.Sprintf("/api/imports/%d/report.csv", up.ID), "", nil)
	require.Equal(t, http.StatusOK, rec.Code)
	report := rec.Body.String()
	require.True(t, strings.HasPrefix(report, "\ufeff"), "BOM for Excel")
	require.Contains(t, report, "3,客户编码,NOPE,no account has the code NOPE")
	require.Contains(t, report, "4,单价系数,abc,")

	// Not the importer's: 404, no data.
	kam := &viewer.Viewer{Kind: viewer.KindUser, UserID: 999999, Roles: []viewer.Role{viewer.RoleKeyAccountManager}}
	rec = b.serve(t, kam, "GET", fmt.Sprintf("/api/imports/%d/report.csv", up.ID), "", nil)
	require.Equal(t, http.StatusNotFound, rec.Code)
	// A bad kind is a clear 400.
	rec = b.serve(t, admin, "POST", "/api/imports?kind=nope&filename=x.csv", "text/csv", []byte("a,b\n"))
	require.Equal(t, http.StatusBadRequest, rec.Code)
	require.Contains(t, rec.Body.String(), "BAD_USER_INPUT")
}

// Templates in both languages are recognised when uploaded back.
func TestTemplatesRoundTrip(t *testing.T) {
	t.Parallel()
	b := setup(t, 0)
	for _, k := range imports.KindNames() {
		for _, lang := range []string{"zh", "en"} {
			for _, format := range []string{"csv", "xlsx"} {
				rec := b.serve(t, admin, "GET", "/api/import-templates/"+k+"?lang="+lang+"&format="+format, "", nil)
				require.Equal(t, http.StatusOK, rec.Code)
				up, err := b.svc.Create(b.ctx, admin, k, "template."+format, bytes.NewReader(rec.Body.Bytes()))
				require.NoError(t, err, "%s %s %s", k, lang, format)
				for _, f := range up.Fields {
					require.NotEmpty(t, f.Column, "%s %s %s: field %s not recognised", k, lang, format, f.Key)
				}
			}
		}
	}
}

// The ERP feed: NDJSON, idempotent by external id, answering counts and
// refused rows.
func TestFeedNDJSON(t *testing.T) {
	t.Parallel()
	b := setup(t, 20)
	c := b.codes(t, 2)
	body := fmt.Sprintf(`{"account_code":%q,"external_id":"R-1","received_on":"2026-05-01","amount":1234.5}
{"account_code":%q,"external_id":"R-2","received_on":"2026-05-02","amount":"12.5万","currency":"CNY"}
{"account_code":"NOPE","external_id":"R-3","received_on":"2026-05-02","amount":1}
`, c[0], c[1])
	rec := b.serve(t, admin, "POST", "/api/feeds/collections", "application/x-ndjson", []byte(body))
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var res imports.FeedResult
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &res))
	require.Equal(t, imports.Counts{Total: 3, Created: 2, Refused: 1}, res.Counts)
	require.Len(t, res.Refused, 1)
	require.Equal(t, 3, res.Refused[0].Row)
	require.Equal(t, 123450, b.int(t, `SELECT amount_minor FROM collections WHERE external_id = 'R-1'`))

	rec = b.serve(t, admin, "POST", "/api/feeds/collections", "application/x-ndjson", []byte(body))
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &res))
	require.Equal(t, imports.Counts{Total: 3, Unchanged: 2, Refused: 1}, res.Counts)
	require.Equal(t, 1, b.int(t, `SELECT count(*) FROM collections WHERE external_id = 'R-1'`))

	rec = b.serve(t, admin, "POST", "/api/feeds/collections", "application/x-ndjson", []byte(`{"nope":1}`))
	require.Equal(t, http.StatusBadRequest, rec.Code, rec.Body.String())
}
