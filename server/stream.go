package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"go.lsp.dev/jsonrpc2"
	"go.uber.org/zap"
)

// stream is jsonrpc2's Content-Length framing with the repairs the library
// lacks (library notes, defect 5): every id goes back exactly as the client
// sent it (internalID), a frame that does not decode is answered (-32700 or
// -32600) and skipped instead of ending the connection, a broken header or
// a wrong Content-Length loses at most its own frame, and memory is bounded
// by what arrives.
type stream struct {
	in  *bufio.Reader
	out io.WriteCloser
	log *zap.Logger
	wmu sync.Mutex // one writer at a time: the conn and rejections

	omu         sync.Mutex
	outstanding map[string]bool // the server's requests without answer, by idKey
}

// maxFrame bounds one message: far above any real LSP message to this
// server (a didOpen of a go.mod), far below what could exhaust memory.
const maxFrame = 64 << 20

func newStream(rwc io.ReadWriteCloser, log *zap.Logger) *stream {
	return &stream{in: bufio.NewReader(rwc), out: rwc, log: log, outstanding: map[string]bool{}}
}

// Read returns the next message; only an I/O error ends the stream.
func (s *stream) Read(ctx context.Context) (jsonrpc2.Message, int64, error) {
	for {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		data, n, err := s.frame()
		if err != nil {
			return nil, n, err
		}
		if data == nil {
			continue // a header block without Content-Length: skipped
		}
		msg, err := s.decode(data)
		if err == nil && msg != nil {
			return msg, n, nil
		}
		if err != nil {
			s.log.Warn("skipping undecodable frame", zap.Error(err), zap.ByteString("frame", clip(data)))
		}
	}
}

// frame reads one header block and its body; blank lines between frames
// are skipped.
func (s *stream) frame() ([]byte, int64, error) {
	var total, length int64
	headers := 0
	for {
		line, n, err := s.headerLine()
		total += n
		if err != nil {
			return nil, total, fmt.Errorf("reading header: %w", err)
		}
		line = strings.TrimSpace(line)
		if line == "" {
			if headers == 0 {
				continue
			}
			break
		}
		headers++
		// The last Content-Length on the line: after a frame whose
		// Content-Length was too short, the rest of its body precedes the
		// next header on the same line, and this finds the stream again.
		// Index and slice the same string: ToLower may change the length
		// (invalid UTF-8 becomes U+FFFD), and slicing line at an index
		// of its lower case panicked the read loop.
		lower, key := strings.ToLower(line), strings.ToLower(jsonrpc2.HdrContentLength)+":"
		if i := strings.LastIndex(lower, key); i >= 0 {
			length, _ = strconv.ParseInt(strings.TrimSpace(lower[i+len(key):]), 10, 64)
		}
	}
	if length <= 0 {
		s.log.Warn("skipping a header block without a valid Content-Length")
		return nil, total, nil
	}
	if length > maxFrame {
		// Reading it would exhaust memory (9223372036854775807 once
		// panicked makeslice); skip the header and let the next one resync.
		s.log.Warn("skipping a frame larger than the limit", zap.Int64("contentLength", length), zap.Int64("limit", maxFrame))
		return nil, total, nil
	}
	data, err := s.body(length)
	total += int64(len(data))
	if err != nil {
		return nil, total, fmt.Errorf("reading body: %w", err)
	}
	return data, total, nil
}

// maxHeaderLine bounds what is kept of one header line: a line without end
// (a client writing garbage) must not grow memory, and the Content-Length
// that resynchronises the stream is at the line's end.
const maxHeaderLine = 4 << 10

// headerLine reads one line, keeping at most its last 2*maxHeaderLine bytes.
func (s *stream) headerLine() (string, int64, error) {
	var line []byte
	var n int64
	for {
		chunk, err := s.in.ReadSlice('\n')
		n += int64(len(chunk))
		line = append(line, chunk...)
		if len(line) > 2*maxHeaderLine {
			line = append(line[:0], line[len(line)-maxHeaderLine:]...)
		}
		if err != bufio.ErrBufferFull {
			return string(line), n, err
		}
	}
}

// body reads up to length bytes; memory grows with what arrives, not with
// what the header claims. It stops before a byte that no JSON body could
// hold there (see jsonScan): when a Content-Length was too long, the next
// frame's header is found instead of being swallowed, and a complete
// message before it is still answered.
func (s *stream) body(length int64) ([]byte, error) {
	buf := make([]byte, 0, min(length, 64<<10))
	var sc jsonScan
	for int64(len(buf)) < length {
		b, err := s.in.ReadByte()
		if err != nil {
			return buf, err
		}
		if sc.stop(b) {
			_ = s.in.UnreadByte()
			break
		}
		buf = append(buf, b)
	}
	return buf, nil
}

// jsonScan follows a body byte by byte just far enough to see where it
// cannot go on as JSON: a byte outside strings that no JSON token has (the
// "C" of a Content-Length), a line break inside a string (headers end in
// one), or anything but white space after the top-level object or array.
type jsonScan struct {
	depth    int
	inString bool
	escaped  bool
	closed   bool
}

func (sc *jsonScan) stop(b byte) bool {
	switch {
	case sc.closed:
		return !isJSONSpace(b)
	case sc.inString:
		switch {
		case sc.escaped:
			sc.escaped = false
		case b == '\\':
			sc.escaped = true
		case b == '"':
			sc.inString = false
		case b == '\r' || b == '\n':
			return true
		}
		return false
	}
	switch b {
	case '"':
		sc.inString = true
	case '{', '[':
		sc.depth++
	case '}', ']':
		sc.depth--
		sc.closed = sc.depth <= 0
	default:
		return !isJSONSpace(b) && !strings.ContainsRune("0123456789-+.,:eEtrufalsn", rune(b))
	}
	return false
}

func isJSONSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\r' || b == '\n' }

// decode turns a body into a message. A body that is not JSON is answered
// -32700, JSON that is not a request or response (a batch, a number, an
// object without method) -32600, both with the request's id when it has a
// usable one and null otherwise (JSON-RPC 2.0 §5.1). Ids the library cannot
// carry are rewritten (internalID); responses to nothing the server asked
// are dropped. A panic of the decoder is an undecodable frame, never the
// end of the process.
func (s *stream) decode(data []byte) (msg jsonrpc2.Message, err error) {
	defer func() {
		if r := recover(); r != nil {
			msg, err = nil, fmt.Errorf("decoding panicked: %v", r)
		}
	}()
	if !json.Valid(data) {
		s.reject(nullID, jsonrpc2.ParseError, "parse error: the body is not JSON")
		return nil, errors.New("the body is not JSON")
	}
	var probe struct {
		ID     json.RawMessage `json:"id"`
		Method json.RawMessage `json:"method"`
		Result json.RawMessage `json:"result"`
		Error  json.RawMessage `json:"error"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		s.rejectNonObject(data)
		return nil, fmt.Errorf("not a message: %w", err)
	}
	replyID := nullID
	if validID(probe.ID) {
		replyID = probe.ID
	}
	var method string
	switch {
	case len(probe.Method) > 0 && string(probe.Method) != "null":
		if json.Unmarshal(probe.Method, &method) != nil || method == "" {
			s.reject(replyID, jsonrpc2.InvalidRequest, "invalid request: method must be a non-empty string")
			return nil, errors.New("method is not a non-empty string")
		}
		if len(probe.ID) > 0 && string(probe.ID) != "null" && !validID(probe.ID) {
			s.reject(nullID, jsonrpc2.InvalidRequest, "invalid request: id must be a string or a number")
			return nil, errors.New("id is not a string or a number")
		}
	case s.answered(probe.ID):
		// A response to a request of the server; at most one per request
		// reaches the library, whose read loop blocks on a second one.
	case len(probe.Result) > 0 || len(probe.Error) > 0:
		s.log.Debug("dropping a response to no pending request", zap.ByteString("id", probe.ID))
		return nil, nil
	default:
		s.reject(replyID, jsonrpc2.InvalidRequest, "invalid request: no method")
		return nil, errors.New("no method")
	}
	if name, ok := internalID(probe.ID); ok && method != "" {
		if data, err = replaceField(data, "id", mustJSON(name)); err != nil {
			return nil, err
		}
	}
	msg, err = jsonrpc2.DecodeMessage(data)
	if err != nil {
		if method != "" {
			s.reject(replyID, jsonrpc2.InvalidRequest, "invalid request: "+err.Error())
		}
		return nil, err
	}
	return msg, nil
}

// rejectNonObject answers JSON that is not an object. LSP has no batches:
// each request of an array gets -32600 with its id, so the client's waits
// end; anything else one -32600 with id null.
func (s *stream) rejectNonObject(data []byte) {
	var batch []struct {
		ID     json.RawMessage `json:"id"`
		Method json.RawMessage `json:"method"`
	}
	answered := false
	if json.Unmarshal(data, &batch) == nil {
		for _, m := range batch {
			if validID(m.ID) && len(m.Method) > 0 {
				s.reject(m.ID, jsonrpc2.InvalidRequest, "invalid request: batches are not supported")
				answered = true
			}
		}
	}
	if !answered {
		s.reject(nullID, jsonrpc2.InvalidRequest, "invalid request: not a JSON-RPC object")
	}
}

// answered reports whether raw is the id of a request the server sent and
// has no answer yet, and forgets it.
func (s *stream) answered(raw json.RawMessage) bool {
	key, ok := idKey(raw)
	if !ok {
		return false
	}
	s.omu.Lock()
	defer s.omu.Unlock()
	if !s.outstanding[key] {
		return false
	}
	delete(s.outstanding, key)
	return true
}

// reject answers a frame the server cannot handle.
func (s *stream) reject(id json.RawMessage, code jsonrpc2.Code, message string) {
	body, _ := json.Marshal(struct {
		JSONRPC string          `json:"jsonrpc"`
		ID      json.RawMessage `json:"id"`
		Error   *jsonrpc2.Error `json:"error"`
	}{"2.0", id, jsonrpc2.NewError(code, message)})
	if err := s.write(body); err != nil {
		s.log.Warn("answering an undecodable frame", zap.Error(err))
	}
}

// Write sends msg with the id the client sent (internalID undone), and
// remembers the ids of the server's own requests (answered).
func (s *stream) Write(ctx context.Context, msg jsonrpc2.Message) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	body, err := json.Marshal(msg)
	if err != nil {
		return 0, fmt.Errorf("marshaling message: %w", err)
	}
	switch m := msg.(type) {
	case *jsonrpc2.Response:
		if raw, ok := clientID(fmt.Sprint(m.ID())); ok {
			if body, err = replaceField(body, "id", raw); err != nil {
				return 0, err
			}
		}
	case *jsonrpc2.Call:
		s.omu.Lock()
		s.outstanding[fmt.Sprintf("%q", m.ID())] = true
		s.omu.Unlock()
	}
	return int64(len(body)), s.write(body)
}

func (s *stream) write(body []byte) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if _, err := fmt.Fprintf(s.out, "Content-Length: %d\r\n\r\n", len(body)); err != nil {
		return fmt.Errorf("writing header: %w", err)
	}
	if _, err := s.out.Write(body); err != nil {
		return fmt.Errorf("writing body: %w", err)
	}
	return nil
}

// Close implements jsonrpc2.Stream.
func (s *stream) Close() error { return s.out.Close() }

// Ids the library cannot carry travel inside the server as strings under
// idMarker: "" (the library decodes it as the number 0), a number that is
// not a plain int32 (beyond int32, -0, 1e3, 1.5: the library fails or
// changes it), and a client's string that itself starts with idMarker (so
// the mapping stays one to one). clientID undoes it on the way out.
const (
	idMarker       = "goroot-lens/"
	emptyIDMarker  = idMarker + "empty-id"
	bigIDPrefix    = idMarker + "number-id:"
	stringIDPrefix = idMarker + "string-id:"
)

var nullID = json.RawMessage("null")

// internalID is the string id the server uses for the id raw, when it is
// not raw itself.
func internalID(raw json.RawMessage) (string, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "", false
	}
	if raw[0] == '"' {
		var str string
		switch {
		case json.Unmarshal(raw, &str) != nil:
			return "", false
		case str == "":
			return emptyIDMarker, true
		case strings.HasPrefix(str, idMarker):
			return stringIDPrefix + str, true
		}
		return "", false
	}
	if raw[0] != '-' && (raw[0] < '0' || raw[0] > '9') {
		return "", false
	}
	if n, err := strconv.ParseInt(string(raw), 10, 32); err == nil && strconv.FormatInt(n, 10) == string(raw) {
		return "", false
	}
	return bigIDPrefix + string(raw), true
}

// clientID is the id to send back for the server's id name, when it differs.
func clientID(name string) (json.RawMessage, bool) {
	switch {
	case name == emptyIDMarker:
		return json.RawMessage(`""`), true
	case strings.HasPrefix(name, bigIDPrefix):
		return json.RawMessage(strings.TrimPrefix(name, bigIDPrefix)), true
	case strings.HasPrefix(name, stringIDPrefix):
		return mustJSON(strings.TrimPrefix(name, stringIDPrefix)), true
	}
	return nil, false
}

// idKey is how the library formats (%q) the id raw once decoded: the key of
// in-flight requests and of the server's outstanding ones.
func idKey(raw json.RawMessage) (string, bool) {
	if name, ok := internalID(raw); ok {
		return strconv.Quote(name), true
	}
	var str string
	if json.Unmarshal(raw, &str) == nil {
		return strconv.Quote(str), true
	}
	if validID(raw) {
		return "#" + string(bytes.TrimSpace(raw)), true
	}
	return "", false
}

// validID reports whether raw is a JSON-RPC id: a string or a number.
func validID(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return false
	}
	switch c := raw[0]; {
	case c == '"', c == '-', c >= '0' && c <= '9':
		return json.Valid(raw)
	}
	return false
}

func mustJSON(v string) json.RawMessage {
	b, _ := json.Marshal(v)
	return b
}

func replaceField(obj []byte, field string, value json.RawMessage) ([]byte, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(obj, &m); err != nil {
		return nil, err
	}
	m[field] = value
	return json.Marshal(m)
}

func clip(b []byte) []byte {
	if len(b) > 200 {
		return b[:200]
	}
	return b
}
