// Package smtptest is a small SMTP server on 127.0.0.1 for tests, like
// net/http/httptest for HTTP: it speaks enough of RFC 5321 (EHLO/HELO,
// AUTH PLAIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT; no TLS) for Go's
// net/smtp client, keeps what it received, and lets a test make it refuse
// any command.
package smtptest

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"net"
	"net/textproto"
	"strings"
	"sync"
	"testing"
)

// Message is one mail the server accepted.
type Message struct {
	From string
	To   []string
	Data []byte
}

// Reply lets a test answer a command itself. verb is the command in upper
// case (EHLO, MAIL, RCPT, DATA …), or "." for the end of a mail's data;
// arg is the rest of the line. Returning code 0 lets the server answer as
// usual.
type Reply func(verb, arg string) (code int, text string)

// Server is a running test server. Set its fields before the first
// connection.
type Server struct {
	// Host and Port are where it listens.
	Host string
	Port int

	// Username and Password, when Username is set, make the server offer
	// AUTH PLAIN and refuse mail from an unauthenticated session.
	Username, Password string

	// Reply, when set, is asked first about every command.
	Reply Reply

	ln         net.Listener
	wg         sync.WaitGroup
	mu         sync.Mutex
	messages   []Message
	transcript bytes.Buffer
	conns      int
}

// NewServer starts a server; it stops when the test ends.
func NewServer(t testing.TB) *Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("smtptest: %v", err)
	}
	addr := ln.Addr().(*net.TCPAddr)
	s := &Server{Host: "127.0.0.1", Port: addr.Port, ln: ln}
	s.wg.Add(1)
	go s.serve()
	t.Cleanup(s.Close)
	return s
}

// Close stops listening and waits for open sessions to end.
func (s *Server) Close() {
	s.ln.Close()
	s.wg.Wait()
}

// Messages returns the mails accepted so far.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.messages...)
}

// Transcript returns every command line clients sent (not mail data).
func (s *Server) Transcript() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.transcript.String()
}

// Connections is how many sessions clients opened.
func (s *Server) Connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conns
}

func (s *Server) serve() {
	defer s.wg.Done()
	for {
		conn, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.mu.Lock()
		s.conns++
		s.mu.Unlock()
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			defer conn.Close()
			s.session(textproto.NewConn(conn))
		}()
	}
}

// session serves one connection until QUIT or a network error.
func (s *Server) session(c *textproto.Conn) {
	reply := func(code int, text string) bool { return c.PrintfLine("%d %s", code, text) == nil }
	if !reply(220, "smtptest ESMTP ready") {
		return
	}
	var (
		authed = s.Username == ""
		from   string
		to     []string
	)
	for {
		line, err := c.ReadLine()
		if err != nil {
			return
		}
		s.mu.Lock()
		s.transcript.WriteString(line + "\n")
		s.mu.Unlock()
		verb, arg, _ := strings.Cut(line, " ")
		verb = strings.ToUpper(verb)
		if s.Reply != nil {
			if code, text := s.Reply(verb, arg); code != 0 {
				if !reply(code, text) {
					return
				}
				continue
			}
		}
		switch verb {
		case "EHLO":
			ext := []string{"smtptest", "8BITMIME"}
			if s.Username != "" {
				ext = append(ext, "AUTH PLAIN")
			}
			for i, e := range ext {
				sep := "-"
				if i == len(ext)-1 {
					sep = " "
				}
				if c.PrintfLine("250%s%s", sep, e) != nil {
					return
				}
			}
		case "HELO", "NOOP":
			reply(250, "OK")
		case "AUTH":
			mech, resp, _ := strings.Cut(arg, " ")
			if !strings.EqualFold(mech, "PLAIN") {
				reply(504, "5.5.4 only PLAIN")
				continue
			}
			raw, _ := base64.StdEncoding.DecodeString(resp)
			if string(raw) == "\x00"+s.Username+"\x00"+s.Password {
				authed = true
				reply(235, "2.7.0 authenticated")
			} else {
				reply(535, "5.7.8 authentication failed")
			}
		case "MAIL":
			if !authed {
				reply(530, "5.7.0 authentication required")
				continue
			}
			from, to = angle(arg), nil
			reply(250, "2.1.0 OK")
		case "RCPT":
			to = append(to, angle(arg))
			reply(250, "2.1.5 OK")
		case "DATA":
			if from == "" || len(to) == 0 {
				reply(503, "5.5.1 need MAIL and RCPT first")
				continue
			}
			if !reply(354, "end data with <CR><LF>.<CR><LF>") {
				return
			}
			data, err := io.ReadAll(c.DotReader())
			if err != nil {
				return
			}
			if s.Reply != nil {
				if code, text := s.Reply(".", ""); code != 0 {
					from, to = "", nil
					reply(code, text)
					continue
				}
			}
			s.mu.Lock()
			s.messages = append(s.messages, Message{From: from, To: to, Data: data})
			s.mu.Unlock()
			from, to = "", nil
			reply(250, "2.0.0 queued")
		case "RSET":
			from, to = "", nil
			reply(250, "2.0.0 OK")
		case "QUIT":
			reply(221, "2.0.0 bye")
			return
		default:
			reply(502, "5.5.2 command not implemented")
		}
	}
}

// angle extracts the address of "FROM:<a@b> SIZE=…" or "TO:<a@b>".
func angle(arg string) string {
	if i := strings.IndexByte(arg, '<'); i >= 0 {
		if j := strings.IndexByte(arg[i:], '>'); j >= 0 {
			return arg[i+1 : i+j]
		}
	}
	return arg
}

// Header returns a header of a received mail, e.g. "Subject" (raw, not
// decoded).
func (m Message) Header(name string) string {
	r := textproto.NewReader(bufio.NewReader(bytes.NewReader(m.Data)))
	h, err := r.ReadMIMEHeader()
	if err != nil && len(h) == 0 {
		return fmt.Sprintf("<unreadable header: %v>", err)
	}
	return h.Get(name)
}
