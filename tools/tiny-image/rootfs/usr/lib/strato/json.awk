# Minimal JSON flattener for busybox awk.
# Reads one JSON document from the input and prints one line per scalar:
#   <path><TAB><value>
# where path joins object keys and array indexes with '.', e.g.
#   uuid	1b2c...            public_keys.mykey	ssh-ed25519 AAAA...
#   keys.0.data	ssh-ed25519 AAAA...
# String escapes are decoded (\n and \t are kept as the two characters so
# every value stays on one line; non-ASCII \u escapes become '?').
function ws() {
    while (pos <= n && index(" \t\r\n", substr(s, pos, 1))) pos++
}
function hexval(h,   i, v, c) {
    v = 0
    for (i = 1; i <= length(h); i++) {
        c = index("0123456789abcdef", tolower(substr(h, i, 1)))
        if (c == 0) return -1
        v = v * 16 + c - 1
    }
    return v
}
function str(   c, r, v) {
    pos++                       # opening quote
    r = ""
    while (pos <= n) {
        c = substr(s, pos, 1)
        if (c == "\"") { pos++; return r }
        if (c == "\\") {
            pos++
            c = substr(s, pos, 1)
            if (c == "n") r = r "\\n"
            else if (c == "t") r = r "\\t"
            else if (c == "r" || c == "b" || c == "f") r = r
            else if (c == "u") {
                v = hexval(substr(s, pos + 1, 4))
                pos += 4
                if (v >= 32 && v < 127) r = r sprintf("%c", v)
                else r = r "?"
            }
            else r = r c
            pos++
            continue
        }
        r = r c
        pos++
    }
    return r
}
function key(path, k) {
    return (path == "") ? k : path "." k
}
function val(path,   c, k, i, lit) {
    ws()
    c = substr(s, pos, 1)
    if (c == "{") {
        pos++; ws()
        if (substr(s, pos, 1) == "}") { pos++; return }
        while (pos <= n) {
            ws()
            k = str()
            ws(); pos++         # ':'
            val(key(path, k))
            ws()
            c = substr(s, pos, 1); pos++
            if (c != ",") return
        }
    } else if (c == "[") {
        pos++; ws()
        if (substr(s, pos, 1) == "]") { pos++; return }
        i = 0
        while (pos <= n) {
            val(key(path, i))
            i++
            ws()
            c = substr(s, pos, 1); pos++
            if (c != ",") return
        }
    } else if (c == "\"") {
        print path "\t" str()
    } else {
        lit = ""
        while (pos <= n) {
            c = substr(s, pos, 1)
            if (index(",]} \t\r\n", c)) break
            lit = lit c
            pos++
        }
        print path "\t" lit
    }
}
{ s = s $0 "\n" }
END {
    n = length(s)
    pos = 1
    val("")
}
