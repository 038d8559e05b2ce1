#include "DnsResolver.h"

#include <QDnsLookup>
#include <QPointer>
#include <QTimer>

namespace xmflow::daemon {

QString DnsResolver::reversedName(const IpAddress &peerIn)
{
    const IpAddress peer = peerIn.unmapped();
    QString name;
    if (!peer.v6) {
        for (int i = 3; i >= 0; --i)
            name += QString::number(peer.bytes[size_t(i)]) + QLatin1Char('.');
        return name;
    }
    static const char hex[] = "0123456789abcdef";
    for (int i = 15; i >= 0; --i) {
        name += QLatin1Char(hex[peer.bytes[size_t(i)] & 0xf]) + QLatin1String(".");
        name += QLatin1Char(hex[peer.bytes[size_t(i)] >> 4]) + QLatin1String(".");
    }
    return name;
}

QString DnsResolver::normalizedRoot(const QString &root)
{
    QString r = root.trimmed().toLower();
    while (r.endsWith(QLatin1Char('.')))
        r.chop(1);
    return r;
}

namespace {

class ResolveJob : public QObject
{
public:
    ResolveJob(QObject *parent, QPointer<QObject> context, DnsResolver::Callback done)
        : QObject(parent), m_context(std::move(context)), m_done(std::move(done))
    {
    }

    void add(QDnsLookup *lookup, const QString &root)
    {
        lookup->setParent(this);
        m_pending.insert(lookup, root);
        connect(lookup, &QDnsLookup::finished, this, [this, lookup] { onFinished(lookup); });
    }

    void start(int timeoutMs)
    {
        if (m_pending.isEmpty()) {
            finish();
            return;
        }
        const auto lookups = m_pending.keys();
        for (QDnsLookup *l : lookups)
            l->lookup();
        QTimer::singleShot(timeoutMs, this, [this] {
            for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
                if (!it.value().isEmpty())
                    m_answers.timedOut.insert(it.value());
            }
            finish();
        });
    }

    void setWantPtr() { m_answers.ptrLooked = true; }

private:
    void onFinished(QDnsLookup *lookup)
    {
        if (m_finished)
            return;
        const QString root = m_pending.take(lookup);
        if (lookup->type() == QDnsLookup::PTR) {
            if (lookup->error() == QDnsLookup::NoError && !lookup->pointerRecords().isEmpty()) {
                QString name = lookup->pointerRecords().constFirst().value();
                while (name.endsWith(QLatin1Char('.')))
                    name.chop(1);
                m_answers.ptrName = name;
            }
        } else if (lookup->error() == QDnsLookup::NoError && !lookup->hostAddressRecords().isEmpty()) {
            m_answers.listedIn.insert(root);
        }
        if (m_pending.isEmpty())
            finish();
    }

    void finish()
    {
        if (m_finished)
            return;
        m_finished = true;
        if (m_context)
            m_done(m_answers);
        deleteLater();
    }

    QPointer<QObject> m_context;
    DnsResolver::Callback m_done;
    QHash<QDnsLookup *, QString> m_pending; // value: map root ("" for PTR)
    DnsAnswers m_answers;
    bool m_finished = false;
};

} // namespace

QtDnsResolver::QtDnsResolver(int timeoutMs, QObject *parent) : DnsResolver(parent), m_timeoutMs(timeoutMs) {}

void QtDnsResolver::resolve(const IpAddress &peer, const QStringList &mapRoots, bool wantPtr, QObject *context,
                            Callback done)
{
    auto *job = new ResolveJob(this, QPointer<QObject>(context), std::move(done));
    const QString reversed = reversedName(peer);
    for (const QString &rootText : mapRoots) {
        const QString root = normalizedRoot(rootText);
        if (root.isEmpty())
            continue;
        auto *lookup = new QDnsLookup(QDnsLookup::A, reversed + root);
        if (!m_nameserver.isNull())
            lookup->setNameserver(m_nameserver);
        job->add(lookup, root);
    }
    if (wantPtr) {
        job->setWantPtr();
        const IpAddress p = peer.unmapped();
        auto *lookup = new QDnsLookup(QDnsLookup::PTR, reversed + (p.v6 ? QStringLiteral("ip6.arpa")
                                                                        : QStringLiteral("in-addr.arpa")));
        if (!m_nameserver.isNull())
            lookup->setNameserver(m_nameserver);
        job->add(lookup, QString());
    }
    job->start(m_timeoutMs);
}

} // namespace xmflow::daemon
