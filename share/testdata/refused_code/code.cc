int Code() { return 1; }
