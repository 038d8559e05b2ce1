#include "Resolver.h"

#include <QPointer>
#include <QRegularExpression>

#include <memory>

namespace xmflow::engine {

QString DnsServer::text() const
{
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
                             ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
                             : address.toString();
    return QStringLiteral("%1:%2/%3")
        .arg(host)
        .arg(port)
        .arg(tcp ? QStringLiteral("tcp") : QStringLiteral("udp"));
}

DnsServerList parseSmartDnsHost(const QString &value)
{
    DnsServerList list;
    const QStringList tokens = value.split(QRegularExpression(QStringLiteral("[,:]")), Qt::SkipEmptyParts);
    if (tokens.size() < 2) {
        list.problems
            << QStringLiteral("SmartDNSHost '%1' is not host:tcp|udp (XMail 1.27 rejects it)").arg(value);
        list.syntaxError = true;
        return list;
    }
    for (qsizetype i = 0; i + 1 < tokens.size(); i += 2) {
        const QString host = tokens.at(i).trimmed();
        DnsServer server;
        server.address = QHostAddress(host);
        server.tcp = tokens.at(i + 1).trimmed().compare(QLatin1String("tcp"), Qt::CaseInsensitive) == 0;
        if (server.address.isNull()) {
            list.problems << QStringLiteral(
                                 "SmartDNSHost host '%1' is not an IP address: xmflow does not use it")
                                 .arg(host);
            list.unusableHosts << host;
            continue;
        }
        list.servers << server;
    }
    if (tokens.size() % 2) {
        list.hostWithoutProtocol = tokens.last().trimmed();
        list.problems << QStringLiteral("SmartDNSHost '%1' has no protocol: XMail 1.27 ignores it")
                             .arg(list.hostWithoutProtocol);
    }
    return list;
}

DnsServerList smartDnsServers(const PolicySettings &settings)
{
    return settings.smartDnsHost ? parseSmartDnsHost(*settings.smartDnsHost) : DnsServerList{};
}

DnsServerList parseDnsServerOption(const QString &value)
{
    DnsServerList list;
    for (const QString &itemIn : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        QString item = itemIn.trimmed();
        DnsServer server;
        const qsizetype slash = item.lastIndexOf(QLatin1Char('/'));
        if (slash >= 0) {
            const QString proto = item.mid(slash + 1).toLower();
            if (proto != QLatin1String("tcp") && proto != QLatin1String("udp")) {
                list.problems << QStringLiteral("'%1': the protocol must be /tcp or /udp").arg(item);
                continue;
            }
            server.tcp = proto == QLatin1String("tcp");
            item.truncate(slash);
        }
        QString host = item;
        QString port;
        if (item.startsWith(QLatin1Char('['))) {
            const qsizetype close = item.indexOf(QLatin1Char(']'));
            host = item.mid(1, close - 1);
            if (close < 0 || (close + 1 < item.size() && item.at(close + 1) != QLatin1Char(':'))) {
                list.problems << QStringLiteral("'%1' is not [ADDR]:PORT").arg(itemIn.trimmed());
                continue;
            }
            port = item.mid(close + 2);
        } else if (item.count(QLatin1Char(':')) == 1) {
            host = item.section(QLatin1Char(':'), 0, 0);
            port = item.section(QLatin1Char(':'), 1);
        }
        server.address = QHostAddress(host);
        if (server.address.isNull()) {
            list.problems << QStringLiteral("'%1' is not an IP address").arg(host);
            continue;
        }
        if (!port.isEmpty()) {
            bool ok = false;
            const uint number = port.toUInt(&ok);
            if (!ok || number == 0 || number > 65535) {
                list.problems << QStringLiteral("'%1' is not a port number").arg(port);
                continue;
            }
            server.port = quint16(number);
        }
        list.servers << server;
    }
    if (list.servers.isEmpty() && list.problems.isEmpty())
        list.problems << QStringLiteral("no DNS server given");
    return list;
}

QString DnsLookupResult::traceLine() const
{
    QString line = QStringLiteral("%1 %2 @%3: %4")
                       .arg(DnsType::name(dnsQueryType(kind)), name, server, answer.summary(kind));
    if (cached)
        line += QStringLiteral(" (cached, %1 s left)").arg(answer.ttl);
    else if (server != QLatin1String("assumed"))
        line += QStringLiteral(", %1 ms").arg(elapsedMs);
    return line;
}

namespace {

// Collects the answers of several lookups; dies with its context.
class LookupBatch : public QObject
{
public:
    using Finished = std::function<void(const QList<DnsLookupResult> &)>;
    LookupBatch(QObject *context, Finished finished) : QObject(context), m_finished(std::move(finished)) {}
    void add(Resolver &resolver, DnsQueryKind kind, const QString &name)
    {
        const qsizetype index = m_results.size();
        m_results.append(DnsLookupResult{kind, name, {}, {}, 0, false});
        ++m_pending;
        resolver.lookup(kind, name, this, [this, index](const DnsLookupResult &r) {
            m_results[index] = r;
            if (--m_pending == 0) {
                const QList<DnsLookupResult> results = m_results;
                Finished finished = std::move(m_finished);
                deleteLater();
                finished(results);
            }
        });
    }
    bool empty() const { return m_pending == 0; }

private:
    Finished m_finished;
    QList<DnsLookupResult> m_results;
    int m_pending = 0;
};

} // namespace

void resolveConnectDns(Resolver &resolver, const IpAddress &peer, const QStringList &mapRoots, bool wantPtr,
                       bool confirmPtr, QObject *context, std::function<void(const ConnectDnsResult &)> done)
{
    auto roots = std::make_shared<QStringList>(); // the map root of each DNSBL lookup, in order
    QPointer<QObject> guard(context);
    QPointer<Resolver> resolverGuard(&resolver);
    auto *batch = new LookupBatch(context, [roots, done, confirmPtr, peer, guard,
                                            resolverGuard](const QList<DnsLookupResult> &results) {
        ConnectDnsResult r;
        for (qsizetype i = 0; i < results.size(); ++i) {
            const DnsLookupResult &q = results.at(i);
            if (q.kind == DnsQueryKind::Ptr) {
                r.answers.ptrLooked = true;
                r.answers.ptrName =
                    q.answer.outcome == DnsOutcome::Found ? q.answer.values.constFirst() : QString();
            } else if (q.answer.outcome == DnsOutcome::Found) {
                r.answers.listedIn.insert(roots->at(i));
            } else if (q.answer.outcome == DnsOutcome::TimedOut) {
                r.answers.timedOut.insert(roots->at(i));
            }
        }
        r.queries = results;
        if (!confirmPtr || !r.answers.ptrName || r.answers.ptrName->isEmpty() || !guard || !resolverGuard) {
            done(r);
            return;
        }
        // Forward confirmation: the name's addresses must include the peer.
        const IpAddress client = peer.unmapped();
        auto *forward =
            new LookupBatch(guard.data(), [r, client, done](const QList<DnsLookupResult> &addresses) mutable {
                const DnsLookupResult &a = addresses.constFirst();
                if (a.answer.outcome == DnsOutcome::Found)
                    for (const QString &value : a.answer.values)
                        r.answers.ptrConfirmed = r.answers.ptrConfirmed || IpAddress::parse(value) == client;
                r.queries += addresses;
                done(r);
            });
        forward->add(*resolverGuard, client.v6 ? DnsQueryKind::Address6 : DnsQueryKind::Address4,
                     *r.answers.ptrName);
    });
    for (const QString &rootText : mapRoots) {
        const QString name = dnsblQueryName(peer, rootText);
        if (name.isEmpty())
            continue;
        roots->append(normalizedDnsName(rootText));
        batch->add(resolver, DnsQueryKind::Dnsbl, name);
    }
    if (wantPtr)
        batch->add(resolver, DnsQueryKind::Ptr, ptrQueryName(peer));
    if (batch->empty()) {
        // Nothing to ask: answer from the event loop all the same.
        delete batch;
        QPointer<QObject> guard(context);
        QMetaObject::invokeMethod(
            context,
            [guard, done] {
                if (guard)
                    done(ConnectDnsResult{});
            },
            Qt::QueuedConnection);
    }
}

void resolveMailerDomain(Resolver &resolver, const QString &domain, QObject *context,
                         std::function<void(const MailerDomainCheck &)> done)
{
    QPointer<QObject> guard(context);
    QPointer<Resolver> resolverGuard(&resolver);
    auto *mxBatch =
        new LookupBatch(context, [guard, resolverGuard, domain, done](const QList<DnsLookupResult> &mx) {
            if (mx.constFirst().answer.outcome == DnsOutcome::Found) {
                done(MailerDomainCheck{mailerDomainResult(mx.constFirst().answer, {}, {}), mx});
                return;
            }
            if (!guard || !resolverGuard)
                return;
            // No MX: XMail then asks for the host's address (A or AAAA).
            auto *addressBatch =
                new LookupBatch(guard.data(), [mx, done](const QList<DnsLookupResult> &addresses) {
                    MailerDomainCheck check;
                    check.result = mailerDomainResult(mx.constFirst().answer, addresses.at(0).answer,
                                                      addresses.at(1).answer);
                    check.queries = mx + addresses;
                    done(check);
                });
            addressBatch->add(*resolverGuard, DnsQueryKind::Address4, domain);
            addressBatch->add(*resolverGuard, DnsQueryKind::Address6, domain);
        });
    mxBatch->add(resolver, DnsQueryKind::Mx, domain);
}

} // namespace xmflow::engine
