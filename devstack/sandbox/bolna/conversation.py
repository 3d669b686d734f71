"""What the sandbox's voice agent says and hears, built from the call's user_data."""

from __future__ import annotations

from typing import Any

TALK_SECONDS_PER_LINE = 6


def transcript(user_data: dict[str, Any]) -> str:
    name = user_data.get("first_name") or user_data.get("name") or "there"
    course = user_data.get("course_name") or "our course"
    center = user_data.get("center_name") or "the center"
    lines = [
        f"assistant: Namaste {name}! I am calling from {center} about {course}. Is this a good time?",
        "user: Haan, boliye. What are the timings?",
        f"assistant: The next batch of {course} starts {user_data.get('start_date', 'soon')}.",
        "user: Okay. And the fee?",
        f"assistant: It is {user_data.get('fee', 'on WhatsApp')}. I will send the syllabus on WhatsApp too.",
        "user: Theek hai, please send. Call me in the evening if needed.",
        "assistant: Thank you, have a good day!",
    ]
    return "\n".join(lines)


def extracted_data(user_data: dict[str, Any]) -> dict[str, Any]:
    return {
        "interested": True,
        "preferred_callback": "evening",
        "asked_about": ["timings", "fee"],
        "course": user_data.get("course_name"),
    }


def duration_seconds(text: str) -> int:
    return TALK_SECONDS_PER_LINE * len(text.splitlines())
