#pragma once

// Sizes, fonts and colours shared by the flowchart's items, so nodes, edges
// and the scene's layout agree on them.

#include <QColor>
#include <QFont>
#include <QGuiApplication>
#include <QSizeF>

namespace xmflow::gui::FlowchartStyle {

inline constexpr qreal kTerminalWidth = 200;
inline constexpr qreal kTerminalHeight = 46;
inline constexpr qreal kProcessWidth = 236;
inline constexpr qreal kProcessHeight = 62;
inline constexpr qreal kDecisionWidth = 270;
inline constexpr qreal kDecisionHeight = 108;

inline constexpr qreal kCardWidth = 330;
inline constexpr qreal kCardRight = 200;   // the card's right edge, left of the symbol's centre
inline constexpr qreal kCardPadding = 8;
inline constexpr qreal kSideColumnX = 380;  // centre of the column for drop terminals
inline constexpr qreal kSkipChannel = 36;   // forward skip edges run this far left of the symbols
inline constexpr qreal kBackChannel = 190;  // back edges run this far right of the symbols
inline constexpr qreal kRowGap = 46;        // minimum space between two rows

inline QFont baseFont(qreal pointSize, bool bold = false)
{
    QFont font = QGuiApplication::font();
    font.setPointSizeF(pointSize);
    font.setBold(bold);
    return font;
}
inline QFont titleFont() { return baseFont(9.5, true); }
inline QFont cardFont() { return baseFont(8.5); }
inline QFont cardHeaderFont() { return baseFont(8.5, true); }
inline QFont labelFont() { return baseFont(8); }
inline QFont badgeFont() { return baseFont(8, true); }
inline QFont captionFont() { return baseFont(11, true); }

inline QColor textColor() { return QColor(0x1f, 0x29, 0x33); }
inline QColor mutedTextColor() { return QColor(0x47, 0x55, 0x69); }
inline QColor edgeColor() { return QColor(0x78, 0x86, 0x96); }
inline QColor dimmedEdgeColor() { return QColor(0xcf, 0xd6, 0xdd); }
inline QColor pathColor() { return QColor(0x1e, 0x6f, 0xd9); }
inline QColor extensionColor() { return QColor(0x6b, 0x46, 0xc1); }

} // namespace xmflow::gui::FlowchartStyle
