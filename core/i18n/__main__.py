"""``python -m core.i18n extract|update|compile|check [PACKAGE...]`` (see :mod:`core.i18n.catalogs`)."""

from core.i18n.catalogs import main

raise SystemExit(main())
