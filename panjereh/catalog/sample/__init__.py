"""Panjereh's SAMPLE dataset -- synthetic data for demos, tests and benchmarks.

Everything in this package is synthetic.  The agencies carry their real
Persian names, and service titles are modelled on real kinds of Iranian
government services, but every status, date, maturity level, fee, time limit,
requirement and legal reference is generated.  None of it is a claim about a
real agency's real status or a real service's real terms.

Pure Python, standard library only, deterministic: the same call always
returns the same data.

* :data:`AGENCIES` -- about 170 main government agencies;
* :data:`CATEGORIES`, :data:`LIFE_EVENTS` -- the catalogue's taxonomy;
* :func:`generate_services` -- any number of service profiles in the JSON
  Lines import format.
"""

from .agencies import AGENCIES
from .services import generate_services
from .taxonomy import CATEGORIES, LIFE_EVENTS

__all__ = ["AGENCIES", "CATEGORIES", "LIFE_EVENTS", "generate_services"]
