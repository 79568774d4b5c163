package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"go.lsp.dev/jsonrpc2"
	"go.uber.org/zap"
)

// stream is jsonrpc2's Content-Length framing with two repairs the library
// lacks (library notes, defect 5): a request id that is a number beyond int32
// travels inside the server as the string bigIDPrefix+digits and goes back to
// the client as the original number, and a frame that does not decode is
// answered (-32700 or -32600) and skipped instead of ending the connection.
type stream struct {
	in  *bufio.Reader
	out io.WriteCloser
	log *zap.Logger
	wmu sync.Mutex // one writer at a time: the conn and rejections
}

// maxFrame bounds one message: far above any real LSP message to this
// server (a didOpen of a go.mod), far below what could exhaust memory.
const maxFrame = 64 << 20

// bigIDPrefix marks an id the client sent as a number beyond int32.
const bigIDPrefix = "goroot-lens/number-id:"

func newStream(rwc io.ReadWriteCloser, log *zap.Logger) *stream {
	return &stream{in: bufio.NewReader(rwc), out: rwc, log: log}
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
		data = markEmptyID(data)
		msg, err := jsonrpc2.DecodeMessage(data)
		if err != nil {
			msg, err = s.repair(data, err)
		}
		if err == nil {
			return msg, n, nil
		}
		s.log.Warn("skipping undecodable frame", zap.Error(err), zap.ByteString("frame", clip(data)))
	}
}

// frame reads one header block and its body.
func (s *stream) frame() ([]byte, int64, error) {
	var total, length int64
	for {
		line, err := s.in.ReadString('\n')
		total += int64(len(line))
		if err != nil {
			return nil, total, fmt.Errorf("reading header: %w", err)
		}
		line = strings.TrimSpace(line)
		if line == "" {
			break
		}
		// The last Content-Length on the line: after a frame whose
		// Content-Length was too short, the rest of its body precedes the
		// next header on the same line, and this finds the stream again.
		if i := strings.LastIndex(strings.ToLower(line), strings.ToLower(jsonrpc2.HdrContentLength)+":"); i >= 0 {
			length, _ = strconv.ParseInt(strings.TrimSpace(line[i+len(jsonrpc2.HdrContentLength)+1:]), 10, 64)
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
	data := make([]byte, length)
	n, err := io.ReadFull(s.in, data)
	total += int64(n)
	if err != nil {
		return nil, total, fmt.Errorf("reading body: %w", err)
	}
	return data, total, nil
}

// repair retries a frame whose id is a number beyond int32 and answers a
// frame that cannot be a message; err is the library's decode error.
func (s *stream) repair(data []byte, err error) (jsonrpc2.Message, error) {
	var probe struct {
		ID     json.RawMessage `json:"id"`
		Method string          `json:"method"`
	}
	if jerr := json.Unmarshal(data, &probe); jerr != nil {
		s.reject(json.RawMessage("null"), jsonrpc2.ParseError, "parse error: "+jerr.Error())
		return nil, jerr
	}
	if isBigNumber(probe.ID) {
		fixed, ferr := replaceField(data, "id", json.RawMessage(strconv.Quote(bigIDPrefix+string(probe.ID))))
		if ferr == nil {
			if msg, derr := jsonrpc2.DecodeMessage(fixed); derr == nil {
				return msg, nil
			}
		}
	}
	if probe.Method != "" && len(probe.ID) > 0 && string(probe.ID) != "null" {
		s.reject(probe.ID, jsonrpc2.InvalidRequest, "invalid request: "+err.Error())
	}
	return nil, err
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

// Write sends msg, restoring a numeric id that was beyond int32.
func (s *stream) Write(ctx context.Context, msg jsonrpc2.Message) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	body, err := json.Marshal(msg)
	if err != nil {
		return 0, fmt.Errorf("marshaling message: %w", err)
	}
	if resp, ok := msg.(*jsonrpc2.Response); ok {
		if id := fmt.Sprint(resp.ID()); id == emptyIDMarker {
			if body, err = replaceField(body, "id", json.RawMessage(`""`)); err != nil {
				return 0, err
			}
		} else if strings.HasPrefix(id, bigIDPrefix) {
			if body, err = replaceField(body, "id", json.RawMessage(strings.TrimPrefix(id, bigIDPrefix))); err != nil {
				return 0, err
			}
		}
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

// emptyIDMarker stands for the request id "" inside the server: the library
// decodes "" as the number 0 and would answer with id 0.
const emptyIDMarker = "goroot-lens/empty-id"

// markEmptyID replaces a request id "" by emptyIDMarker; other frames are
// returned as they are (the cheap check first: most frames hold no "").
func markEmptyID(data []byte) []byte {
	if !bytes.Contains(data, []byte(`""`)) {
		return data
	}
	var probe struct {
		ID json.RawMessage `json:"id"`
	}
	if json.Unmarshal(data, &probe) != nil || string(bytes.TrimSpace(probe.ID)) != `""` {
		return data
	}
	if fixed, err := replaceField(data, "id", json.RawMessage(strconv.Quote(emptyIDMarker))); err == nil {
		return fixed
	}
	return data
}

// isBigNumber reports whether raw is a JSON number that is not an int32.
func isBigNumber(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || (raw[0] != '-' && (raw[0] < '0' || raw[0] > '9')) {
		return false
	}
	_, err := strconv.ParseInt(string(raw), 10, 32)
	return err != nil
}

// bigIDKey is the inflight key of a request whose id was the number raw.
func bigIDKey(raw json.RawMessage) string {
	return strconv.Quote(bigIDPrefix + string(bytes.TrimSpace(raw)))
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
