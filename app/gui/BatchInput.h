#pragma once

#include "AddressFilter.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

class QIODevice;

namespace xmflow::gui {

// One distinct client address of a batch, with how often it was seen.
struct BatchEntry {
    model::IpAddress address;
    QString text;      // canonical form (IpAddress::toString)
    int count = 0;     // lines (pasted) or log records that named it
    QString firstSeen; // "line 3" of the pasted text, or "smtp-20240101:17"
};

// A line that could not be used; kept so nothing is dropped silently.
struct BatchInputProblem {
    enum class Kind { NotAnAddress, NotALogRecord, BadPeerField, Unreadable };
    QString file;   // "" for pasted text
    int line = 0;   // 1-based; 0 when the whole file is concerned
    Kind kind = Kind::NotAnAddress;
    QString text;   // the offending text (shortened)
};

struct BatchAddresses {
    QList<BatchEntry> entries;          // in order of first appearance
    QList<BatchInputProblem> problems;
    int linesRead = 0;                  // lines looked at, blank and comment lines included
    int addressesRead = 0;              // usable addresses before de-duplication
};

// Reads the addresses of a batch simulation: pasted text (one address per
// line, blank lines and # comments allowed) or XMail smtp logs
// (MailRoot/logs/smtp-*: 13 tab-separated quoted fields, the 3rd is the peer).
class BatchInput
{
    Q_DECLARE_TR_FUNCTIONS(xmflow::gui::BatchInput)
public:
    static BatchAddresses parseAddressList(const QString &text);
    static BatchAddresses parseSmtpLog(QIODevice &device, const QString &fileName);
    // Several logs count together; a file that cannot be read is reported, the others still count.
    static BatchAddresses parseSmtpLogs(const QStringList &paths);

    // "line 4: 'foo' is not an IP address", in the current language.
    static QString describe(const BatchInputProblem &problem);
};

} // namespace xmflow::gui
