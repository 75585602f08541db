"""The perks programme's part of the admin console (imported by the console only, through
the factories in :mod:`plugins.vip_benefits`, so the API server never loads Textual): the
catalogue, the entitlements editor, a client's balance, and the dashboard's utilisation panel.
"""

from plugins.vip_benefits.screens.balance import BalanceScreen
from plugins.vip_benefits.screens.catalogue import CatalogueScreen
from plugins.vip_benefits.screens.entitlements import EntitlementsScreen
from plugins.vip_benefits.screens.panel import UtilisationPanel
from plugins.vip_benefits.screens.redeem import RedeemForm

__all__ = ["BalanceScreen", "CatalogueScreen", "EntitlementsScreen", "RedeemForm", "UtilisationPanel"]
