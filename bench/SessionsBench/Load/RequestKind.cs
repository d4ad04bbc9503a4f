namespace SessionsBench.Load;

/// <summary>The requests of the measured mix; login and set only happen once per session, before it.</summary>
public enum RequestKind
{
    Counter,
    WhoAmI,
    GetColor,
}
