namespace Sessions.Caching;
