#pragma once

#include "AddressFilter.h"
#include "Tables.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace xmflow::gui {

// How one column of a table editor shows and edits its part of a line.
enum class ColumnType {
    Text,         // any text
    Address,      // "a.b.c.d", "a.b.c.d/bits" or an IPv6 prefix
    Netmask,      // "255.255.255.0" (optional in spammers, relay and ipprop)
    IpMapAction,  // ALLOW or DENY
    Precedence,   // an integer
    Properties,   // "Name=value" fields separated by spaces (ipprop, hnprop)
    Parameters,   // spammers.tab "name=value,..." parameters
    SpammerCode,  // the code parameter, shown as drop / AUTH only / delay N s
    Password,     // mailusers.tab: XMail-encrypted, edited as plain text
    Integer,      // a number
};

struct ColumnSpec {
    ColumnType type;
    const char *title;   // translated in the "xmflow::gui::TableModel" context
    const char *toolTip; // same context
};

// The presentation of each table as columns; the typed meaning of the lines
// always comes from the model (ParsedTables), never from here.
class TableSchema
{
    Q_DECLARE_TR_FUNCTIONS(xmflow::gui::TableSchema)
public:
    static QList<ColumnSpec> columns(model::TableKind kind);
    // One text per column for a record's fields.
    static QStringList columnValues(model::TableKind kind, const QStringList &fields);
    // The fields to write for edited column texts.
    static QStringList fieldsFromColumns(model::TableKind kind, const QStringList &values);
    // The record a new line starts with.
    static QStringList newRecord(model::TableKind kind);
    // Whether "which lines match this IP?" applies to the table.
    static bool hasAddressFilters(model::TableKind kind);
    // 1-based numbers of the lines whose address filter matches ip.
    static QList<int> linesMatching(model::TableKind kind, const model::ParsedTables &tables, const model::IpAddress &ip);

    // The table's purpose, in the admin's words ("Spam hosts").
    static QString description(model::TableKind kind);

    // spammers.tab / DropCode values: "drop", "AUTH only", "delay 30 s".
    static QString describeCode(int code);
    // Sets code=N in a spammers.tab parameter list, keeping the other parameters.
    static QString withCode(const QString &parameters, int code);

    // Validation used by the delegates while typing.
    static bool isValidAddress(const QString &text);
    static bool isValidNetmask(const QString &text);
};

} // namespace xmflow::gui
