#pragma once

// Include QCustomPlot through this header. qcustomplot.h uses Qt's `foreach`,
// which xmflow's strict QT_NO_FOREACH removes; its two loops only read, so a
// range-for over a const view does the same.
#include <utility>

#ifndef foreach
#define foreach(declaration, container) for (declaration : std::as_const(container))
#define XMFLOW_QCUSTOMPLOT_FOREACH
#endif
#include <qcustomplot.h>
#ifdef XMFLOW_QCUSTOMPLOT_FOREACH
#undef foreach
#undef XMFLOW_QCUSTOMPLOT_FOREACH
#endif
