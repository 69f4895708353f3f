package p
x := 1e30103
y := 1e-30104
z := -1e30102
