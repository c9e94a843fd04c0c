package notify_test

import (
	"encoding/base64"
	"mime"
	"net/mail"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/internal/notify"
)

// parseMail reads a composed mail the way a mail client does: headers,
// decoded subject, decoded body.
func parseMail(t *testing.T, raw []byte) (h mail.Header, subject, body string) {
	t.Helper()
	msg, err := mail.ReadMessage(strings.NewReader(string(raw)))
	require.NoError(t, err)
	subject, err = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	require.NoError(t, err)
	require.Equal(t, "base64", msg.Header.Get("Content-Transfer-Encoding"))
	var encoded strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := msg.Body.Read(buf)
		encoded.Write(buf[:n])
		if err != nil {
			break
		}
	}
	decoded, err := base64.StdEncoding.DecodeString(strings.NewReplacer("\r", "", "\n", "").Replace(encoded.String()))
	require.NoError(t, err)
	return msg.Header, subject, string(decoded)
}

func TestComposeInTheRecipientsLocale(t *testing.T) {
	t.Parallel()
	from := mail.Address{Name: "Summit", Address: "summit@example.com"}
	m := notify.Mail{
		ID: 42, Kind: "alert.escalated", Title: "流失预警升级：华东电力",
		Body:      "The churn alert on 华东电力 was not answered within 10 days.\nIt is now with the account owner's manager.",
		CreatedAt: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC),
	}

	zh := m
	zh.To, zh.Locale = mail.Address{Name: "王经理", Address: "wang@example.com"}, notify.LocaleZH
	h, subject, body := parseMail(t, notify.Compose(from, zh, "https://summit.example.com"))
	require.Equal(t, "【Summit】流失预警升级：华东电力", subject)
	require.True(t, strings.HasPrefix(body, "王经理，您好：\r\n\r\n流失预警升级：华东电力\r\n"), body)
	require.Contains(t, body, "not answered within 10 days")
	require.Contains(t, body, "在 Summit 中查看：https://summit.example.com")
	to, err := h.AddressList("To")
	require.NoError(t, err)
	require.Equal(t, []*mail.Address{{Name: "王经理", Address: "wang@example.com"}}, to)
	require.Equal(t, "<notification-42@example.com>", h.Get("Message-ID"), "the same id on every retry")
	require.Equal(t, "auto-generated", h.Get("Auto-Submitted"))
	date, err := h.Date()
	require.NoError(t, err)
	require.True(t, date.Equal(m.CreatedAt))

	en := m
	en.To, en.Locale = mail.Address{Name: "Ann Lee", Address: "ann@example.com"}, notify.LocaleEN
	_, subject, body = parseMail(t, notify.Compose(from, en, ""))
	require.Equal(t, "[Summit] The churn alert on 华东电力 was not answered within 10 days.", subject, "the body's first line")
	require.True(t, strings.HasPrefix(body, "Hello Ann Lee,\r\n\r\nThe churn alert"), body)
	require.Contains(t, body, "(流失预警升级：华东电力)")
	require.NotContains(t, body, "Open Summit", "no link without a public URL")
	require.NotContains(t, body, "您好")
}

// A kind or title cannot smuggle in a header (or a second mail).
func TestComposeKeepsHeadersIntact(t *testing.T) {
	t.Parallel()
	from := mail.Address{Address: "summit@example.com"}
	m := notify.Mail{ID: 1, Kind: "x\r\nBcc: evil@example.com", Title: "t\r\nBcc: evil@example.com",
		To: mail.Address{Address: "a@example.com"}, Locale: notify.LocaleZH, CreatedAt: time.Now()}
	h, subject, _ := parseMail(t, notify.Compose(from, m, ""))
	require.Empty(t, h.Get("Bcc"))
	require.Contains(t, subject, "Bcc: evil@example.com", "kept as text inside the encoded subject")
}

func TestBusinessDayUsesTheTimeZone(t *testing.T) {
	t.Parallel()
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	require.NoError(t, err)
	// 17:00 UTC on the 19th is 01:00 on the 20th in Shanghai.
	at := time.Date(2026, 11, 19, 17, 0, 0, 0, time.UTC)
	require.Equal(t, "2026-11-20", notify.BusinessDay(at, shanghai))
	require.Equal(t, "2026-11-19", notify.BusinessDay(at, time.UTC))
	require.Equal(t, "reminder:action:7:2026-11-20", notify.ActionReminderKey(7, notify.BusinessDay(at, shanghai)))
	require.Equal(t, "reminder:cadence:9:2026-11-20", notify.CadenceReminderKey(9, "2026-11-20"))
}
