#include "VerdictJson.h"

namespace xmflow::engine {

QJsonObject toJson(const ConnectVerdict &verdict)
{
    QJsonObject object{{QStringLiteral("drop"), verdict.drop},
                       {QStringLiteral("delay"), verdict.delaySeconds},
                       {QStringLiteral("delay_start"),
                        verdict.delayAtMail ? QStringLiteral("mail") : QStringLiteral("connect")},
                       {QStringLiteral("greet_pause"), verdict.greetPause},
                       {QStringLiteral("whitelisted"), verdict.whiteListed},
                       {QStringLiteral("blocked"), verdict.blocked},
                       {QStringLiteral("mapped"), verdict.mapped},
                       {QStringLiteral("no_rdns"), verdict.noRdns},
                       {QStringLiteral("ipmapped"), verdict.ipMapped}};
    if (verdict.drop) {
        object.insert(QStringLiteral("reply"), verdict.dropReply);
        object.insert(QStringLiteral("log"), QString(QStringLiteral("SNDRIP=") + verdict.logStatus));
    }
    return object;
}

} // namespace xmflow::engine
