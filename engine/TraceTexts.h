#pragma once

#include "Diagnostic.h"

#include <QString>

// What each connect-time stage reports in the trace, in English and Japanese:
// every text Policy::evaluate shows, in one place.
namespace xmflow::engine::TraceTexts {

using model::LocalizedText;

LocalizedText noLineMatches();
LocalizedText whitelistedSkip();
LocalizedText ipPropMatched(const QString &properties, bool whiteListed);
LocalizedText hnPropMatched(const QString &hostName);
LocalizedText hnPropNoPtrDrop();
LocalizedText hnPropNoMatch(const QString &hostName);
LocalizedText hnPropNoPtrName();
LocalizedText hnPropMissing();
LocalizedText ipMapNoMatch();
LocalizedText ipMapAllow(int precedence);
LocalizedText ipMapDenyDrop(int dropCode);
LocalizedText ipMapDenyFlag();
LocalizedText ipMapDenyDelay(int dropCode);
LocalizedText spammersCode(int code);
LocalizedText mapsNotSet();
LocalizedText mapsNotListed(const QString &notes);
QString mapNote(const QString &root, bool timedOut);
LocalizedText mapsListedDrop(const QString &root);
LocalizedText mapsListedAuthOnly(const QString &root);
LocalizedText mapsListedDelay(const QString &root, int code, int delay);
LocalizedText rdnsOff();
LocalizedText rdnsPasses(const QString &ptrName);
LocalizedText rdnsAuthOnly();
LocalizedText rdnsDelay(int delay);
LocalizedText defaultDelay(int delay);
LocalizedText defaultDelayNotSet();
LocalizedText greetPause(int pause);
LocalizedText bannerDrop(const QString &reply);
LocalizedText banner(int delay, bool delayAtMail);

} // namespace xmflow::engine::TraceTexts
