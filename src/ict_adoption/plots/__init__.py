"""Charts of rankings and analyses (matplotlib, the optional ``plots`` extra).

Nothing here imports matplotlib at import time: :mod:`ict_adoption.plots.style` loads it
on first use. Every chart reads the objects it draws by attribute (a ranking's rows, a
profile, a comparison), so this package sits low in the layers and any analysis module
may use the shared style (:func:`~ict_adoption.plots.style.figure`,
:data:`~ict_adoption.plots.style.CLASS_COLOURS`).
"""

from __future__ import annotations

__all__: list[str] = []
