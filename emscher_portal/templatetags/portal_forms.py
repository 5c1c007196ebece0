from django import template

register = template.Library()


@register.filter
def accessible_widget(field):
    """Render a bound field's widget with aria-describedby naming its help text and its errors."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    if field.errors:
        described_by.append(f"{field.auto_id}_fehler")
    attrs = {"aria-describedby": " ".join(described_by)} if described_by else {}
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def duration_minutes(seconds):
    """3725 -> "1:02:05 Stunden", 95 -> "1:35 Minuten"; for a video's length next to its download link."""
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d} Stunden"
    return f"{minutes}:{secs:02d} Minuten"
