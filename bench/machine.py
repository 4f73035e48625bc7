"""What the numbers were measured on: they mean little without it."""

import datetime
import os
import platform


def cpu_model():
    """The CPU's model name from /proc/cpuinfo, or what platform knows elsewhere."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def describe_machine():
    """CPU, cores, operating system, Python and today's date, as labelled strings."""
    return {
        "CPU": f"{cpu_model()}, {os.cpu_count()} cores",
        "system": f"{platform.system()} {platform.release()}",
        "Python": f"{platform.python_version()} ({platform.python_implementation()})",
        "date": datetime.date.today().isoformat(),
    }
