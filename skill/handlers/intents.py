"""The intent names the skill's interaction model defines (one place for all)."""

WHAT_IS_TRAFFICKING = "WhatIsTraffickingIntent"
TRAFFICKERS = "TraffickersIntent"
GROOMING = "GroomingIntent"
RISK_FACTORS = "RiskFactorsIntent"
SAFETY_TIPS = "SafetyTipsIntent"
RANDOM_TIP = "RandomTipIntent"
LEARN_MORE = "LearnMoreIntent"
SOURCE = "SourceIntent"
MENU = "MenuIntent"
THANKS = "ThanksIntent"
MORE = "MoreIntent"
GET_HELP = "GetHelpIntent"
DANGER = "DangerIntent"
EMERGENCY = "EmergencyIntent"
UNSAFE_HOME = "UnsafeHomeIntent"
HOTLINE_DETAIL = "HotlineDetailIntent"

CATEGORY_SLOT = "category"
CATEGORY_TYPE = "CategoryType"
DETAIL_SLOT = "detail"
DETAIL_TYPE = "HotlineDetailType"
# The HotlineDetailType value ids: which fact about the hotline was asked for.
HOTLINE_DETAILS = (
    "number",
    "slowly",
    "text",
    "confidential",
    "cost",
    "anonymous",
    "languages",
    "hours",
    "police",
    "tty",
    "chat",
)

CUSTOM_INTENTS = (
    WHAT_IS_TRAFFICKING,
    TRAFFICKERS,
    GROOMING,
    RISK_FACTORS,
    SAFETY_TIPS,
    RANDOM_TIP,
    LEARN_MORE,
    SOURCE,
    MENU,
    THANKS,
    MORE,
    GET_HELP,
    DANGER,
    EMERGENCY,
    UNSAFE_HOME,
    HOTLINE_DETAIL,
)
# Intents that answer with help: what a cry for help or a hotline question must reach.
HELP_INTENTS = (GET_HELP, DANGER, EMERGENCY, UNSAFE_HOME, HOTLINE_DETAIL)

HELP = "AMAZON.HelpIntent"
STOP = "AMAZON.StopIntent"
CANCEL = "AMAZON.CancelIntent"
FALLBACK = "AMAZON.FallbackIntent"
NAVIGATE_HOME = "AMAZON.NavigateHomeIntent"
START_OVER = "AMAZON.StartOverIntent"
REPEAT = "AMAZON.RepeatIntent"
YES = "AMAZON.YesIntent"
NO = "AMAZON.NoIntent"
NEXT = "AMAZON.NextIntent"
PREVIOUS = "AMAZON.PreviousIntent"

BUILT_IN_INTENTS = (
    HELP,
    STOP,
    CANCEL,
    FALLBACK,
    NAVIGATE_HOME,
    START_OVER,
    REPEAT,
    YES,
    NO,
    NEXT,
    PREVIOUS,
)
