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
QUIZ = "QuizIntent"
QUIZ_ANSWER = "QuizAnswerIntent"

CATEGORY_SLOT = "category"
CATEGORY_TYPE = "CategoryType"
DETAIL_SLOT = "detail"
DETAIL_TYPE = "HotlineDetailType"
ANSWER_SLOT = "answer"
ANSWER_TYPE = "QuizAnswerType"

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
    QUIZ,
    QUIZ_ANSWER,
)
# The intents by which someone asks for help: each gets the hotline at once.
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
