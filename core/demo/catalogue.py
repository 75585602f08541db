"""The demo's touchpoint catalogue, drawn from the domain brief: door reception, lobby
guidance, counter service, customer-manager visit, outbound call, birthday care; each with
its standard's outputs, inputs and controls, and how the demo simulates its measurements."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

Simulate = Callable[[random.Random, float], dict[str, Any]]
"""Measurements of one contact at an outlet whose sloppiness is ``q`` (0 good … 1 poor): all
the demo can tell of it; each event keeps what the version in force there reads."""


def _door(rng: random.Random, q: float) -> dict[str, Any]:
    return {
        "greeted_within_s": round(rng.expovariate(1 / (6 + 20 * q)), 1),
        "greeting": rng.choices(["standard", "vip", "none"], weights=[80, 15, 12 * q])[0],
    }


def _lobby(rng: random.Random, q: float) -> dict[str, Any]:
    return {"guided": rng.random() > 0.3 * q, "ticket_issued": rng.random() > 0.1 * q}


def _counter(rng: random.Random, q: float) -> dict[str, Any]:
    return {
        "wait_minutes": round(rng.expovariate(1 / (3.5 + 8 * q)), 1),
        "both_hands": rng.random() > 0.12 * q,
        "service_log_written": rng.random() > 0.2 * q,
    }


def _visit(rng: random.Random, q: float) -> dict[str, Any]:
    return {"visit_minutes": rng.randint(20, 90), "service_log_written": rng.random() > 0.4 * q}


def _call(rng: random.Random, q: float) -> dict[str, Any]:
    return {"called_within_h": round(rng.expovariate(1 / (3 + 12 * q)), 1), "script_followed": rng.random() > 0.15 * q}


def _birthday(rng: random.Random, q: float) -> dict[str, Any]:
    return {"greeting_sent": rng.random() > 0.35 * q, "days_before": rng.choice([0, 1, 2, 3])}


def control(
    key: str,
    name: str,
    kind: str,
    metric: str,
    comparator: str | None,
    threshold: Any,
    *,
    unit: str = "",
    severity: str = "minor",
    params: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "key": key,
        "name": name,
        "kind": kind,
        "metric": metric,
        "comparator": comparator,
        "threshold": threshold,
        "unit": unit,
        "severity": severity,
        "params": params or {},
    }


# code, name, channel, description, daily contacts per outlet, simulate, standard content
CATALOGUE: list[tuple[str, str, str, str, int, Simulate, dict[str, Any]]] = [
    (
        "door_reception",
        "门口迎候",
        "branch",
        "客户进门时的迎候与问候",
        16,
        _door,
        {
            "title": "门口迎候服务标准",
            "outputs": {
                "scope": "营业时间内进入网点的每一位客户",
                "procedure": ["目视客户", "起身微笑", "主动问候", "询问需求"],
                "skills": ["客户识别"],
                "etiquette": ["站姿端正", "使用标准问候语"],
            },
            "inputs": {"staff": ["大堂经理或引导员在岗"], "facilities": ["迎宾台"], "environment": ["门口整洁无杂物"]},
            "controls": [
                control("greeted", "30秒内迎候", "compare", "greeted_within_s", "<=", 30, unit="s", severity="major"),
                control(
                    "greeting",
                    "使用标准问候语",
                    "one_of",
                    "greeting",
                    "in",
                    ["standard", "vip"],
                    params={"choices": ["standard", "vip", "none"]},
                ),
            ],
        },
    ),
    (
        "lobby_guidance",
        "大堂引导",
        "branch",
        "分流引导与取号",
        12,
        _lobby,
        {
            "title": "大堂引导服务标准",
            "outputs": {"scope": "大堂内等候与分流", "procedure": ["了解业务需求", "引导至相应区域", "协助取号"]},
            "inputs": {"facilities": ["叫号机", "填单台"], "supplies": ["业务单据"]},
            "controls": [
                control("guided", "主动引导", "boolean", "guided", "==", True),
                control("ticket", "协助取号", "boolean", "ticket_issued", "==", True),
            ],
        },
    ),
    (
        "counter_service",
        "柜面服务",
        "branch",
        "柜台业务办理",
        22,
        _counter,
        {
            "title": "柜面服务标准",
            "outputs": {
                "scope": "柜面业务办理全过程",
                "procedure": ["起身迎接", "双手递接", "唱收唱付", "道别"],
                "etiquette": ["微笑服务", "双手递接单据"],
            },
            "inputs": {"staff": ["持证上岗"], "facilities": ["叫号系统", "评价器"]},
            "controls": [
                control("wait", "等候时间", "compare", "wait_minutes", "<=", 15, unit="min", severity="major"),
                control("both_hands", "双手递接", "boolean", "both_hands", "==", True),
            ],
        },
    ),
    (
        "cm_visit",
        "客户经理拜访",
        "visit",
        "客户经理上门或约见拜访",
        2,
        _visit,
        {
            "title": "客户经理拜访标准",
            "outputs": {
                "scope": "专属客户经理对名下客户的拜访",
                "procedure": ["预约", "准备资料", "拜访", "填写服务日志"],
                "skills": ["产品知识", "资产配置"],
            },
            "inputs": {"staff": ["专属客户经理"], "supplies": ["产品资料"]},
            "controls": [
                control("log", "拜访后填写服务日志", "boolean", "service_log_written", "==", True, severity="major"),
                control(
                    "gold_monthly",
                    "金卡客户每月至少拜访一次",
                    "frequency_by_tier",
                    "visits",
                    None,
                    None,
                    params={"tier": "gold", "period": "month", "at_least": 1},
                ),
            ],
        },
    ),
    (
        "outbound_call",
        "外呼回访",
        "phone",
        "业务办理后的电话回访",
        5,
        _call,
        {
            "title": "外呼回访标准",
            "outputs": {"scope": "重要业务办理后的回访", "procedure": ["核实身份", "回访询问", "记录反馈"]},
            "inputs": {"facilities": ["录音电话"]},
            "controls": [
                control("within", "24小时内回访", "compare", "called_within_h", "<=", 24, unit="h"),
                control("script", "按话术回访", "boolean", "script_followed", "==", True),
            ],
        },
    ),
    (
        "birthday_care",
        "生日关怀",
        "phone",
        "客户生日问候与关怀",
        1,
        _birthday,
        {
            "title": "生日关怀标准",
            "outputs": {"scope": "白银及以上客户生日", "procedure": ["生日前提醒", "发送问候", "按权益安排礼品"]},
            "inputs": {"supplies": ["生日贺卡"]},
            "controls": [control("sent", "生日问候已发送", "boolean", "greeting_sent", "==", True, severity="major")],
        },
    ),
]

PILOT = (
    "counter_service",
    ["BJ-CY", "SH-PD"],
    {
        "wait": control("wait", "等候时间", "compare", "wait_minutes", "<=", 10, unit="min", severity="major"),
        "log": control("log", "服务日志", "boolean", "service_log_written", "==", True),
    },
)
"""The counter standard's version 2, piloted at two sub-branches: a stricter wait and a log."""
