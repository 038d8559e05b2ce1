#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace xmflow::model {

// A name=value property of ipprop/hnprop lines and spammers.tab parameters.
// Split at the first '='; names and values are kept exactly (XMail compares
// names with strcmp and reads values with atoi).
struct Property {
    QString name;
    QString value;     // "1" for a bare name
    bool bare = false; // written without '='
};

// The properties of a smtp.ipprop.tab or smtp.hnprop.tab line: every field after
// the selector is one property, so "WhiteList=1,NoAuth=1" in one field is
// WhiteList = "1,NoAuth=1".
struct PropertyRule {
    QList<Property> properties;
    // Case-sensitive name, as XMail; a bare name means 1; absent means "not set".
    std::optional<QString> property(const QString &name) const;
    bool flag(const QString &name) const;                      // bare, or atoi(value) != 0
    std::optional<int> intProperty(const QString &name) const; // atoi(value); nullopt when absent
};

// One Property per item, split at the first '=' (no trimming, no ',' split).
QList<Property> parseProperties(const QStringList &items);

// XMail's StrParamGet: the value of "name=" found at the start of text or right
// after a ',' (case-sensitive), up to the next ',' (at most 31 bytes).
std::optional<QString> xmailParamGet(const QString &text, const QString &name);

} // namespace xmflow::model
