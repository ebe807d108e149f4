"""The intent names the skill's interaction model defines (one place for all)."""

WHAT_IS_TRAFFICKING = "WhatIsTraffickingIntent"
RISK_FACTORS = "RiskFactorsIntent"
SAFETY_TIPS = "SafetyTipsIntent"
RANDOM_TIP = "RandomTipIntent"
GET_HELP = "GetHelpIntent"
LEARN_MORE = "LearnMoreIntent"

CATEGORY_SLOT = "category"
CATEGORY_TYPE = "CategoryType"

CUSTOM_INTENTS = (WHAT_IS_TRAFFICKING, RISK_FACTORS, SAFETY_TIPS, RANDOM_TIP, GET_HELP, LEARN_MORE)

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
