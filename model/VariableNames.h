#pragma once

#include <QString>

// The spelling of every server.tab variable the engine reads, in one place
// (VariableCatalogue.cpp describes each of them).
namespace xmflow::model::VariableNames {
inline const QString RootDomain = QStringLiteral("RootDomain");
inline const QString PostMaster = QStringLiteral("PostMaster");
inline const QString SmtpServerDomain = QStringLiteral("SmtpServerDomain");
inline const QString SmtpConfig = QStringLiteral("SmtpConfig"); // also the prefix of SmtpConfig-IP[,PORT]
inline const QString SmtpMsgIPBan = QStringLiteral("SmtpMsgIPBan");
inline const QString SmtpMsgIPBanSpammers = QStringLiteral("SmtpMsgIPBanSpammers");
inline const QString SmtpMsgIPBanSpamAddress = QStringLiteral("SmtpMsgIPBanSpamAddress");
inline const QString SmtpMsgIPBanMaps = QStringLiteral("SmtpMsgIPBanMaps");
inline const QString CustMapsList = QStringLiteral("CustMapsList");
inline const QString IpMapDropCode = QStringLiteral("SMTP-IpMapDropCode");
inline const QString RdnsCheck = QStringLiteral("SMTP-RDNSCheck");
inline const QString MaxErrors = QStringLiteral("SMTP-MaxErrors");
inline const QString MaxMessageSize = QStringLiteral("MaxMessageSize");
inline const QString CheckMailerDomain = QStringLiteral("CheckMailerDomain");
inline const QString AllowNullSender = QStringLiteral("AllowNullSender");
inline const QString DefaultSmtpPerms = QStringLiteral("DefaultSmtpPerms");
inline const QString AllowSmtpVrfy = QStringLiteral("AllowSmtpVRFY");
inline const QString AllowSmtpEtrn = QStringLiteral("AllowSmtpETRN");
inline const QString EnableSmtpTls = QStringLiteral("EnableSMTP-TLS");
inline const QString SmartDnsHost = QStringLiteral("SmartDNSHost");
inline const QString DefaultSmtpGateways = QStringLiteral("DefaultSMTPGateways");
// xmflow's extensions, ignored by plain XMail.
inline const QString ExtensionPrefix = QStringLiteral("XMF-");
inline const QString XmfDelayStart = QStringLiteral("XMF-DelayStart");
inline const QString XmfGreetPause = QStringLiteral("XMF-GreetPause");
inline const QString XmfGreetPassTtl = QStringLiteral("XMF-GreetPassTTL");
inline const QString XmfDefaultDelay = QStringLiteral("XMF-DefaultDelay");
inline const QString XmfNextHop = QStringLiteral("XMF-NextHop");
inline const QString XmfLocalDelivery = QStringLiteral("XMF-LocalDelivery");
inline const QString XmfNextHopAuth = QStringLiteral("XMF-NextHopAuth");
inline const QString XmfNextHopTls = QStringLiteral("XMF-NextHopTLS");
inline const QString XmfMaxSessionsPerIp = QStringLiteral("XMF-MaxSessionsPerIP");
inline const QString XmfGreylist = QStringLiteral("XMF-Greylist");
inline const QString XmfGreylistDelay = QStringLiteral("XMF-GreylistDelay");
inline const QString XmfGreylistRetryWindow = QStringLiteral("XMF-GreylistRetryWindow");
inline const QString XmfGreylistMaxAge = QStringLiteral("XMF-GreylistMaxAge");
inline const QString XmfGreylistIpv4Prefix = QStringLiteral("XMF-GreylistIPv4Prefix");
inline const QString XmfGreylistIpv6Prefix = QStringLiteral("XMF-GreylistIPv6Prefix");
inline const QString XmfGreylistAutoWhitelist = QStringLiteral("XMF-GreylistAutoWhitelist");
inline const QString XmfGreylistWhitelist = QStringLiteral("XMF-GreylistWhitelist");
inline const QString XmfStateStore = QStringLiteral("XMF-StateStore");
} // namespace xmflow::model::VariableNames
