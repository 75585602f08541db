"""The demo bank's shape and staffing: a head office, two branches, six sub-branches and
twenty outlets, with the codes, names, districts and streets a Beijing or Shanghai client
would recognise, and how many people of each role work at each level.

Staffing is fixed rather than drawn at random so the demo reads the same in every guide:
each outlet has its head, tellers, a lobby manager and customer managers; the wealth
centres (理财中心, 财富中心) trade tellers for customer managers because their clients are richer.
"""

from __future__ import annotations

from typing import NamedTuple


class OutletPlan(NamedTuple):
    code: str
    name: str
    street: str

    @property
    def wealth_centre(self) -> bool:
        return self.name.endswith(("理财中心", "财富中心"))


class SubBranchPlan(NamedTuple):
    code: str
    name: str
    district: str
    area_code: str
    """The district's code, the first six digits of the ID numbers of people born there."""
    outlets: tuple[OutletPlan, ...]


class BranchPlan(NamedTuple):
    code: str
    name: str
    city: str
    dialling_code: str
    sub_branches: tuple[SubBranchPlan, ...]


HEAD_OFFICE = ("HO", "总行")

NETWORK: tuple[BranchPlan, ...] = (
    BranchPlan(
        "BJ",
        "北京分行",
        "北京市",
        "010",
        (
            SubBranchPlan(
                "BJ-CY",
                "朝阳支行",
                "朝阳区",
                "110105",
                (
                    OutletPlan("BJ-CY-01", "望京网点", "望京街"),
                    OutletPlan("BJ-CY-02", "国贸理财中心", "建国门外大街"),
                    OutletPlan("BJ-CY-03", "三里屯网点", "三里屯路"),
                    OutletPlan("BJ-CY-04", "亚运村网点", "北辰东路"),
                ),
            ),
            SubBranchPlan(
                "BJ-HD",
                "海淀支行",
                "海淀区",
                "110108",
                (
                    OutletPlan("BJ-HD-01", "中关村网点", "中关村大街"),
                    OutletPlan("BJ-HD-02", "五道口网点", "成府路"),
                    OutletPlan("BJ-HD-03", "西二旗网点", "西二旗大街"),
                ),
            ),
            SubBranchPlan(
                "BJ-XC",
                "西城支行",
                "西城区",
                "110102",
                (
                    OutletPlan("BJ-XC-01", "金融街财富中心", "金融大街"),
                    OutletPlan("BJ-XC-02", "西单网点", "西单北大街"),
                    OutletPlan("BJ-XC-03", "德胜门网点", "德胜门外大街"),
                ),
            ),
        ),
    ),
    BranchPlan(
        "SH",
        "上海分行",
        "上海市",
        "021",
        (
            SubBranchPlan(
                "SH-PD",
                "浦东支行",
                "浦东新区",
                "310115",
                (
                    OutletPlan("SH-PD-01", "陆家嘴财富中心", "陆家嘴环路"),
                    OutletPlan("SH-PD-02", "张江网点", "祖冲之路"),
                    OutletPlan("SH-PD-03", "世纪公园网点", "锦绣路"),
                ),
            ),
            SubBranchPlan(
                "SH-HP",
                "黄浦支行",
                "黄浦区",
                "310101",
                (
                    OutletPlan("SH-HP-01", "外滩网点", "中山东一路"),
                    OutletPlan("SH-HP-02", "南京东路网点", "南京东路"),
                    OutletPlan("SH-HP-03", "新天地理财中心", "马当路"),
                ),
            ),
            SubBranchPlan(
                "SH-XH",
                "徐汇支行",
                "徐汇区",
                "310104",
                (
                    OutletPlan("SH-XH-01", "徐家汇网点", "漕溪北路"),
                    OutletPlan("SH-XH-02", "漕河泾网点", "宜山路"),
                    OutletPlan("SH-XH-03", "龙华网点", "龙华中路"),
                    OutletPlan("SH-XH-04", "田林网点", "田林路"),
                ),
            ),
        ),
    ),
)

BIRTHPLACES = (
    "130102",
    "210102",
    "320102",
    "330106",
    "370102",
    "410105",
    "420106",
    "430104",
    "440106",
    "500103",
    "510107",
    "610113",
)
"""Districts elsewhere in China: a city bank's clients were not all born in its city."""

# role → head count, per kind of unit
HEAD_OFFICE_STAFF = {"head_office_service": 3, "operations": 2, "risk": 2, "compliance": 2, "admin": 2}
BRANCH_STAFF = {"branch_service": 3}
SUB_BRANCH_STAFF = {"sub_branch_head": 1}
OUTLET_STAFF = {"outlet_head": 1, "teller": 4, "lobby_manager": 1, "customer_manager": 3}
WEALTH_CENTRE_STAFF = {"outlet_head": 1, "teller": 2, "lobby_manager": 1, "customer_manager": 6}
