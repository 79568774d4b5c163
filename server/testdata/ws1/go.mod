module example.com/ws1

go 1.22.0

toolchain go1.22.12
