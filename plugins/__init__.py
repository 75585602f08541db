"""Touchstone's bundled plugins, one package each (today ``complaints`` and ``vip_benefits``),
registered through the same ``touchstone.plugins`` entry points as an outside company's and
held to the same rule: each imports only ``core.sdk``, ``console.sdk`` and its own package
(an import contract in ``pyproject.toml``). docs/plugins.md says how a plugin is built;
``touchstone plugin new NAME`` renders a new one."""
