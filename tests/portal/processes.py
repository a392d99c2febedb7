import psutil


def command_line(process):
    """A process's command line, or "" once it has exited (zombies included)."""
    try:
        return " ".join(process.cmdline())
    except psutil.Error:
        return ""
