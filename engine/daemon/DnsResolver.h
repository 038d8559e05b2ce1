#pragma once

#include "Policy.h"

#include <QHostAddress>
#include <QObject>

#include <functional>

namespace xmflow::daemon {

using engine::DnsAnswers;
using model::IpAddress;

// The connect-time DNS work (CustMapsList listings and the PTR name) behind an
// interface, so a fuller resolver can replace this one.
class DnsResolver : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const DnsAnswers &)>;
    using QObject::QObject;
    // Calls `done` exactly once, on the caller's thread, unless `context` is destroyed first.
    virtual void resolve(const IpAddress &peer, const QStringList &mapRoots, bool wantPtr, QObject *context,
                         Callback done) = 0;

    // "d.c.b.a." for IPv4, the nibble form for IPv6 (v4-mapped peers use the IPv4 form).
    static QString reversedName(const IpAddress &peer);
    static QString normalizedRoot(const QString &root); // lower case, no trailing dot
};

// QDnsLookup: one A lookup per map root, all in parallel, plus a PTR lookup.
// A query that has not answered within the timeout counts as "not listed".
class QtDnsResolver : public DnsResolver
{
    Q_OBJECT
public:
    explicit QtDnsResolver(int timeoutMs, QObject *parent = nullptr);
    void setNameserver(const QHostAddress &server) { m_nameserver = server; }
    void resolve(const IpAddress &peer, const QStringList &mapRoots, bool wantPtr, QObject *context,
                 Callback done) override;

private:
    int m_timeoutMs;
    QHostAddress m_nameserver;
};

} // namespace xmflow::daemon
