package notify

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"mime"
	"net/mail"
	"strings"
	"time"
)

// Locales a user may choose (users.locale).
const (
	LocaleZH = "zh-CN"
	LocaleEN = "en"
)

// Mail is one outbox row ready to send: the notification and its recipient.
type Mail struct {
	// ID is the notification's id; the Message-ID derives from it, so a
	// retried delivery carries the same one and mail systems can drop the
	// duplicate.
	ID       int
	Attempts int
	To       mail.Address
	Locale   string
	Kind     string
	Title    string
	Body     string
	// CreatedAt is when the notification was written; the Date header.
	CreatedAt time.Time
}

// subjectMax keeps subjects readable in a mail client's list.
const subjectMax = 120

// Compose writes the message of m in its recipient's locale, as RFC 5322
// text with CRLF line ends, UTF-8 and base64 (Chinese text is not 7-bit).
// Titles are Chinese and bodies English by house convention: a zh-CN reader
// gets the title as subject and both texts; an English reader gets the
// body's first line as subject and the Chinese title after the body.
// link, when not empty, is where the reader opens Summit.
func Compose(from mail.Address, m Mail, link string) []byte {
	subject, text := localize(m, link)
	var b bytes.Buffer
	header := func(k, v string) { fmt.Fprintf(&b, "%s: %s\r\n", k, v) }
	header("From", from.String())
	header("To", m.To.String())
	header("Subject", mime.BEncoding.Encode("UTF-8", subject))
	header("Date", m.CreatedAt.Format(time.RFC1123Z))
	header("Message-ID", fmt.Sprintf("<notification-%d@%s>", m.ID, domainOf(from.Address)))
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=UTF-8")
	header("Content-Transfer-Encoding", "base64")
	// Tells vacation responders and the like not to answer (RFC 3834).
	header("Auto-Submitted", "auto-generated")
	header("X-Summit-Kind", strings.Map(noControl, m.Kind))
	b.WriteString("\r\n")
	encoded := base64.StdEncoding.EncodeToString([]byte(strings.ReplaceAll(text, "\n", "\r\n")))
	for len(encoded) > 76 {
		b.WriteString(encoded[:76] + "\r\n")
		encoded = encoded[76:]
	}
	b.WriteString(encoded + "\r\n")
	return b.Bytes()
}

// localize returns the subject and text of m in its recipient's locale;
// anything but English is Chinese, the default locale.
func localize(m Mail, link string) (subject, text string) {
	name := m.To.Name
	var t strings.Builder
	if m.Locale == LocaleEN {
		subject = firstLine(m.Body)
		if subject == "" {
			subject = m.Title
		}
		if name == "" {
			name = "there"
		}
		fmt.Fprintf(&t, "Hello %s,\n\n", name)
		if m.Body != "" {
			t.WriteString(m.Body + "\n\n")
		}
		fmt.Fprintf(&t, "(%s)\n\n", m.Title)
		if link != "" {
			fmt.Fprintf(&t, "Open Summit: %s\n\n", link)
		}
		t.WriteString("This message was sent automatically by Summit; replies are not read.\n")
		return "[Summit] " + truncate(subject, subjectMax), t.String()
	}
	if name == "" {
		name = "同事"
	}
	fmt.Fprintf(&t, "%s，您好：\n\n%s\n\n", name, m.Title)
	if m.Body != "" {
		t.WriteString(m.Body + "\n\n")
	}
	if link != "" {
		fmt.Fprintf(&t, "在 Summit 中查看：%s\n\n", link)
	}
	t.WriteString("此邮件由 Summit 自动发送，请勿直接回复。\n")
	return "【Summit】" + truncate(m.Title, subjectMax), t.String()
}

// noControl drops control characters, so a value cannot end its header line.
func noControl(r rune) rune {
	if r < ' ' || r == 0x7f {
		return -1
	}
	return r
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

func domainOf(address string) string {
	if i := strings.LastIndexByte(address, '@'); i >= 0 && i < len(address)-1 {
		return address[i+1:]
	}
	return "summit.invalid"
}
