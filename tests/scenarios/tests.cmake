# every scenario runs
