# ~/.profile
PATH="$HOME/bin:$PATH"
GOROOT=/opt/go1.22
