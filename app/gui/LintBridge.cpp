#include "LintBridge.h"

#ifdef XMFLOW_HAVE_ENGINE_LINT
#include "Lint.h"
#endif

namespace xmflow::gui {

model::Diagnostics lintMailRoot(const model::MailRoot &root)
{
#ifdef XMFLOW_HAVE_ENGINE_LINT
    return engine::lint(root);
#else
    return root.diagnostics();
#endif
}

} // namespace xmflow::gui
