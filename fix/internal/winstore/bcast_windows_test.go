package winstore

import (
	"fmt"
	"runtime"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

var (
	user32           = windows.NewLazySystemDLL("user32.dll")
	registerClassExW = user32.NewProc("RegisterClassExW")
	createWindowExW  = user32.NewProc("CreateWindowExW")
	defWindowProcW   = user32.NewProc("DefWindowProcW")
	getMessageW      = user32.NewProc("GetMessageW")
	dispatchMessageW = user32.NewProc("DispatchMessageW")
	postMessageW     = user32.NewProc("PostMessageW")
	postQuitMessage  = user32.NewProc("PostQuitMessage")
	classSeq         atomic.Int32
)

const (
	wmDestroy = 0x0002
	wmClose   = 0x0010
)

type wndClassEx struct {
	Size, Style                        uint32
	WndProc                            uintptr
	ClsExtra, WndExtra                 int32
	Instance, Icon, Cursor, Background windows.Handle
	MenuName, ClassName                *uint16
	IconSm                             windows.Handle
}

type msg struct {
	Hwnd           windows.HWND
	Message        uint32
	WParam, LParam uintptr
	Time           uint32
	Pt             [2]int32
}

// listenSettingChange creates a hidden top-level window, the kind a
// broadcast reaches (message-only windows are left out), and sends the
// lParam text of each WM_SETTINGCHANGE it gets to the returned channel.
func listenSettingChange(t *testing.T) <-chan string {
	got := make(chan string, 16)
	ready := make(chan error, 1)
	exited := make(chan struct{})
	var hwnd uintptr
	wndProc := syscall.NewCallback(func(h windows.HWND, m uint32, wp, lp uintptr) uintptr {
		switch m {
		case wmSettingChange:
			s := ""
			if lp != 0 {
				// lp is a pointer the sender keeps alive during the call.
				s = windows.UTF16PtrToString(*(**uint16)(unsafe.Pointer(&lp)))
			}
			select {
			case got <- s:
			default:
			}
		case wmDestroy:
			postQuitMessage.Call(0)
		}
		r, _, _ := defWindowProcW.Call(uintptr(h), uintptr(m), wp, lp)
		return r
	})
	go func() {
		defer close(exited)
		// A window belongs to its thread, which must pump its messages. The
		// thread is never unlocked, so it ends with this goroutine.
		runtime.LockOSThread()
		cls := windows.StringToUTF16Ptr(fmt.Sprintf("GorootLensWinstoreTest%d", classSeq.Add(1)))
		wc := wndClassEx{WndProc: wndProc, ClassName: cls}
		wc.Size = uint32(unsafe.Sizeof(wc))
		if r, _, err := registerClassExW.Call(uintptr(unsafe.Pointer(&wc))); r == 0 {
			ready <- fmt.Errorf("RegisterClassExW: %w", err)
			return
		}
		h, _, err := createWindowExW.Call(0, uintptr(unsafe.Pointer(cls)), uintptr(unsafe.Pointer(cls)), 0, 0, 0, 10, 10, 0, 0, 0, 0)
		if h == 0 {
			ready <- fmt.Errorf("CreateWindowExW: %w", err)
			return
		}
		hwnd = h
		ready <- nil
		var m msg
		for {
			if r, _, _ := getMessageW.Call(uintptr(unsafe.Pointer(&m)), 0, 0, 0); int32(r) <= 0 {
				return
			}
			dispatchMessageW.Call(uintptr(unsafe.Pointer(&m)))
		}
	}()
	if err := <-ready; err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		postMessageW.Call(hwnd, wmClose, 0, 0) // DefWindowProc destroys it on its own thread
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			t.Errorf("the window's thread did not end")
		}
	})
	return got
}
