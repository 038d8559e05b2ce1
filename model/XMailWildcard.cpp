#include "XMailWildcard.h"

#include <QByteArray>

namespace xmflow::model {

namespace {

bool wildMatch(const char *s, const char *se, const char *p, const char *pe)
{
    // A port of the semantics of XMail's StrWildMatch (both sides already lower case).
    for (; p < pe; ++s, ++p) {
        switch (*p) {
        case '?':
            if (s >= se)
                return false;
            continue;
        case '*':
            while (p < pe && *p == '*')
                ++p;
            if (p >= pe)
                return true;
            for (; s < se; ++s)
                if (wildMatch(s, se, p, pe))
                    return true;
            return false;
        case '[': {
            const bool reverse = p + 1 < pe && p[1] == '^';
            if (reverse)
                ++p;
            int prev = 256;
            bool matched = false;
            bool escape = false;
            const int c = s < se ? static_cast<unsigned char>(*s) : 0;
            for (++p; p < pe && (escape || *p != ']'); ++p) {
                if (!escape && *p == '\\') {
                    escape = true;
                    continue;
                }
                const int pc = static_cast<unsigned char>(*p);
                if (!escape && *p == '-') {
                    if (++p >= pe)
                        return false;
                    if (*p == '\\' && ++p >= pe)
                        return false;
                    const int hi = static_cast<unsigned char>(*p);
                    matched = matched || (c <= hi && c >= prev);
                    prev = hi;
                } else {
                    matched = matched || c == pc;
                    prev = pc;
                }
                escape = false;
            }
            if (prev == 256 || escape || p >= pe || matched == reverse)
                return false;
            continue;
        }
        case '\\':
            if (++p >= pe)
                return false;
            [[fallthrough]];
        default:
            if (s >= se || *s != *p)
                return false;
            continue;
        }
    }
    return s >= se;
}

} // namespace

bool xmailWildcardMatch(QByteArrayView text, QByteArrayView pattern)
{
    const QByteArray s = text.toByteArray().toLower(); // ASCII only, as XMail's StrLower
    const QByteArray p = pattern.toByteArray().toLower();
    return wildMatch(s.constData(), s.constData() + s.size(), p.constData(), p.constData() + p.size());
}

} // namespace xmflow::model
